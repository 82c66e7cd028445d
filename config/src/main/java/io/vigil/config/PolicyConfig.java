package io.vigil.config;

import java.time.LocalDate;

/**
 * What the published "video information processing device operation and management policy"
 * (영상정보처리기기 운영·관리 방침) needs beyond the cameras and retention: the people
 * responsible and the places. Vigil renders the policy at {@code /policy} from this and the
 * running configuration, so what the hospital publishes is what Vigil enforces. Free text is
 * shown as written, in both languages (the hospital writes names and places once).
 *
 * @param officer      개인영상정보 보호책임자: the personal video information protection officer (also the first
 *                     route of objection on the subject-request notices), or null when not set
 * @param manager      개인영상정보 보호담당자: the person who handles requests (access is requested from them), or null
 * @param storagePlace where footage is stored (e.g. "본관 지하 1층 서버실"), or null when not set
 * @param viewingPlace where a data subject views footage (the policy page and the viewing notice), or null when not set
 * @param enacted      the date the policy was first enacted, or null
 */
public record PolicyConfig(Person officer, Person manager, String storagePlace, String viewingPlace, LocalDate enacted) {
    /**
     * A responsible person as the policy names them.
     *
     * @param name       full name
     * @param position   department or position, or null
     * @param contact    telephone (digits, spaces, + - ( )), or null
     */
    public record Person(String name, String position, String contact) {
        /** One line as notices print it: "허신영 (상담실), 031-625-8596". */
        public String oneLine() {
            return name + (position == null ? "" : " (" + position + ")") + (contact == null ? "" : ", " + contact);
        }
    }

    /** No policy section in the file: the page says what is missing. */
    public static PolicyConfig unset() {
        return new PolicyConfig(null, null, null, null, null);
    }
}
