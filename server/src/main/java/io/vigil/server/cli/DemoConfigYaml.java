package io.vigil.server.cli;

import io.vigil.config.CameraId;
import java.util.List;
import java.util.function.Function;

/**
 * The configuration {@code vigil demo} writes on every start: the simulated cameras, an
 * embedded data directory, and a complete {@code policy:} section, so the demo's {@code /policy}
 * page is the whole published policy (cameras with location and shooting range, shooting time,
 * retention, storage place, officer and manager with their contact, where and how to ask for
 * access) in Korean and in English, never "(not set)". The people are fictional and say so;
 * free text is written in both languages because the page shows it as written.
 */
final class DemoConfigYaml {
    /** Fixed, so a restart on another day ledgers no policy change. */
    static final String ENACTED = "2026-12-01";
    /** The demo's site language: a Korean hospital's. The command line speaks it too (docs/cli.md, "Language"). */
    static final String LANGUAGE = "ko";

    /** Name, location and shooting range of the first sixteen cameras (a hospital like the policy's); then corridors. */
    private static final String[][] PLACES = {
        {"정문 (Main entrance)", "1층 정문 로비 (ground floor, main entrance lobby)", "정문 출입구와 로비 (the entrance doors and the lobby)"},
        {"원무과 (Reception)", "1층 원무과 접수창구 (ground floor, reception desk)", "접수창구와 대기석 (the desk and the waiting seats)"},
        {"응급실 입구 (Emergency entrance)", "1층 응급실 입구 (ground floor, emergency entrance)", "응급실 출입문과 구급차 하차 지점 (the doors and the ambulance bay)"},
        {"응급실 대기 (Emergency waiting)", "1층 응급실 대기실 (ground floor, emergency waiting room)", "대기실 좌석 (the waiting seats)"},
        {"약국 (Pharmacy)", "1층 약국 창구 (ground floor, pharmacy counter)", "약국 창구 앞 (in front of the counter)"},
        {"주차장 입구 (Car park entry)", "주차장 차량 입구 (car park, vehicle entry gate)", "차단기와 진입로 (the barrier and the ramp)"},
        {"주차장 1층 (Car park level 1)", "주차장 1층 (car park, level 1)", "주차면과 통로 (the bays and the aisle)"},
        {"하역장 (Loading bay)", "후면 하역장 (rear, loading bay)", "하역장과 폐기물 보관소 (the bay and the waste store)"},
        {"계단 A (Stairwell A)", "A 계단 (stairwell A, all floors)", "계단과 층별 출입문 (the stairs and each floor's door)"},
        {"계단 B (Stairwell B)", "B 계단 (stairwell B, all floors)", "계단과 층별 출입문 (the stairs and each floor's door)"},
        {"승강기 1층 (Lift lobby 1F)", "1층 승강기 홀 (1st floor, lift lobby)", "승강기 문 앞 (in front of the lift doors)"},
        {"승강기 2층 (Lift lobby 2F)", "2층 승강기 홀 (2nd floor, lift lobby)", "승강기 문 앞 (in front of the lift doors)"},
        {"3층 병동 복도 (Ward corridor 3F)", "3층 병동 복도 (3rd floor, ward corridor)", "복도만, 병실 내부 제외 (the corridor only, no patient room)"},
        {"의무기록실 (Records room)", "2층 의무기록실 출입문 (2nd floor, medical records room door)", "출입문 앞 (in front of the door)"},
        {"서버실 (Server room door)", "지하 1층 서버실 출입문 (basement, server room door)", "출입문 앞 (in front of the door)"},
        {"동쪽 비상구 (Fire exit east)", "동쪽 비상구 (east fire exit)", "비상구 문과 계단참 (the exit door and the landing)"},
    };

    private DemoConfigYaml() {}

    /**
     * @param cameraIds the simulator's camera ids ({@code cam01}, ...)
     * @param urlOf     each camera's RTSP URL on the simulator
     * @param httpsPort the viewer's port (0: any free one)
     */
    static String render(List<CameraId> cameraIds, Function<CameraId, String> urlOf, int httpsPort) {
        StringBuilder y = new StringBuilder();
        y.append("# Written by 'vigil demo' on every start; edit the options of 'vigil demo' instead.\n");
        y.append("site: \"Vigil demo (simulated cameras)\"\n");
        y.append("language: ").append(LANGUAGE).append("\ntimeZone: Asia/Seoul\n");
        y.append("dataDir: data\n");
        y.append("keystore:\n  path: keystore.vks\n  passphrase: file:secrets/keystore.pass\n");
        y.append("retention:\n  days: 14\n  legalMaximumDays: 14\n  purgeInterval: 10m\n  minFreeSpace: 500MB\n");
        y.append("segmentDuration: 2s\n");
        y.append("listen:\n  https: 127.0.0.1:").append(httpsPort).append('\n');
        y.append("access:\n  monitoringNetworks: [127.0.0.1/32]\n");
        y.append(policy());
        y.append("cameras:\n");
        for (CameraId id : cameraIds) {
            String[] place = place(id.value());
            y.append("  - id: ").append(id).append('\n')
             .append("    name: ").append(quoted(place[0])).append('\n')
             .append("    location: ").append(quoted(place[1])).append('\n')
             .append("    range: ").append(quoted(place[2])).append('\n')
             .append("    url: ").append(urlOf.apply(id)).append('\n')
             .append("    transport: tcp\n");
        }
        return y.toString();
    }

    /** Everything /policy names besides the cameras and retention (docs/policy.md). */
    private static String policy() {
        return "policy:\n"
                + "  officer: {name: \"김보안 (Kim Bo-an, demo)\", position: \"개인정보보호팀 (privacy office)\", contact: 02-0000-0001}\n"
                + "  manager: {name: \"이담당 (Lee Dam-dang, demo)\", position: \"보안팀 (security office)\", contact: 02-0000-0002}\n"
                + "  storagePlace: \"이 컴퓨터의 demo-data 폴더, 암호화 (this computer's demo-data folder, encrypted)\"\n"
                + "  viewingPlace: \"1층 원무과 옆 상담실 (the consultation room beside reception, ground floor)\"\n"
                + "  enacted: " + ENACTED + "\n";
    }

    private static String[] place(String id) {
        int n = Integer.parseInt(id.replaceAll("\\D", ""));
        if (n >= 1 && n <= PLACES.length) return PLACES[n - 1];
        return new String[] {n + "번 복도 (Corridor " + n + ")", n + "번 복도 (corridor " + n + ")", "복도 전체 (the whole corridor)"};
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
