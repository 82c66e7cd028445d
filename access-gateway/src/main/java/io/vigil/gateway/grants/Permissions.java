package io.vigil.gateway.grants;

import io.vigil.config.CameraId;
import io.vigil.config.Role;
import io.vigil.gateway.accounts.Account;

/**
 * The role matrix in one place (documented in docs/security.md). Footage needs a
 * standing camera grant on the account AND a viewing grant with a purpose.
 */
public final class Permissions {
    private Permissions() {}

    /** May request viewing grants (and so ever see footage): never privacy officers, who audit only. */
    public static boolean mayViewFootage(Account a) {
        return a.role() != Role.PRIVACY_OFFICER;
    }

    /** Timeline metadata of a camera: same people as footage, camera held on the account. */
    public static boolean mayReadTimeline(Account a, CameraId camera) {
        return mayViewFootage(a) && a.holdsCamera(camera);
    }

    /** Sees every camera's name and live status (not footage): officers (for holds) and administrators (operations). */
    public static boolean seesAllCameraStatus(Account a) {
        return a.role() == Role.PRIVACY_OFFICER || a.role() == Role.ADMINISTRATOR;
    }

    public static boolean mayReadLedger(Account a) {
        return a.role() == Role.PRIVACY_OFFICER || a.role() == Role.PRIVACY_MANAGER || a.role() == Role.ADMINISTRATOR;
    }

    public static boolean mayManageUsers(Account a) {
        return a.role() == Role.ADMINISTRATOR;
    }

    /** Who sees the cameras proposed for accounts: the administrators who propose, the officers who approve. */
    public static boolean mayReviewCameraProposals(Account a) {
        return a.role() == Role.PRIVACY_OFFICER || a.role() == Role.ADMINISTRATOR;
    }

    /** The second person of the two-person camera grant. */
    public static boolean mayApproveCameras(Account a) {
        return a.role() == Role.PRIVACY_OFFICER;
    }

    public static boolean mayListHolds(Account a) {
        return a.role() == Role.PRIVACY_OFFICER || a.role() == Role.PRIVACY_MANAGER;
    }

    public static boolean mayPlaceHolds(Account a) {
        return a.role() == Role.PRIVACY_OFFICER;
    }

    public static boolean mayMonitor(Account a) {
        return a.role() == Role.ADMINISTRATOR;
    }

    /** Subject requests: privacy managers register and fulfil, privacy officers too (and alone decide). */
    public static boolean mayHandleRequests(Account a) {
        return a.role() == Role.PRIVACY_MANAGER || a.role() == Role.PRIVACY_OFFICER;
    }

    /**
     * Preparing a subject's masked footage and showing it to them: opening frames to mark the
     * requester, running the masking, the face thumbnails, the preview, releasing and handing
     * over the copy, and the viewing at the kiosk. All of it shows footage, so only the privacy
     * manager (the policy's video information manager, Art. 3 and 5: the subject contacts them
     * and views at the hospital); the officer decides the request and audits, and like
     * {@link #mayViewFootage} says, never sees footage (docs/security.md).
     */
    public static boolean mayPrepareMasking(Account a) {
        return a.role() == Role.PRIVACY_MANAGER;
    }

    /** Reviewing, approving, deferring and refusing a subject request, issuing kiosk codes. */
    public static boolean mayDecideRequests(Account a) {
        return a.role() == Role.PRIVACY_OFFICER;
    }
}
