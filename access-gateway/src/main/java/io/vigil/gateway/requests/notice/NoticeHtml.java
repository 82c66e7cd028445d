package io.vigil.gateway.requests.notice;

/**
 * A notice as a self-contained printable HTML page (A4, no script, no outside resource, so
 * it prints the same from any browser and can be kept as a file). Every text is escaped.
 * Its one inline style sheet is allowed by hash in the page's own Content-Security-Policy
 * ({@link #CONTENT_SECURITY_POLICY}), which allows nothing else: no script at all.
 */
public final class NoticeHtml {
    private static final String STYLE = """
            @page { size: A4; margin: 20mm; }
            body { font-family: "Noto Sans KR", "NanumGothic", "Malgun Gothic", sans-serif; color: #000; background: #fff;
                   max-width: 170mm; margin: 2em auto; line-height: 1.5; }
            .site { font-size: 0.95em; margin: 0; }
            h1 { font-size: 1.5em; margin: 0.3em 0 1em; border-bottom: 2px solid #000; padding-bottom: 0.2em; }
            h2 { font-size: 1.1em; margin: 1.4em 0 0.4em; }
            table { border-collapse: collapse; width: 100%; }
            th, td { border: 1px solid #444; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
            th { width: 30%; background: #eee; font-weight: 600; }
            footer { margin-top: 2.5em; border-top: 1px solid #000; padding-top: 0.4em; font-size: 0.9em; }
            """;

    /** The policy a notice is served with: its style sheet by hash, the favicon, nothing else. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE) + "'; img-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private NoticeHtml() {}

    private static String sha256(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256-" + java.util.Base64.getEncoder().encodeToString(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public static String render(Notice n) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!doctype html>\n<html lang=\"").append(esc(n.language())).append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(n.title())).append(" · ").append(esc(n.site())).append("</title>\n")
                .append("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n<style>").append(STYLE)
                .append("</style>\n</head>\n<body data-notice=\"").append(esc(n.kind().wire())).append("\">\n<p class=\"site\">")
                .append(esc(n.site())).append("</p>\n<h1>").append(esc(n.title())).append("</h1>\n");
        for (Notice.Section s : n.sections()) {
            b.append("<section>\n");
            if (s.heading() != null) b.append("<h2>").append(esc(s.heading())).append("</h2>\n");
            for (String p : s.paragraphs()) b.append("<p>").append(esc(p)).append("</p>\n");
            if (!s.rows().isEmpty()) {
                b.append("<table>\n");
                for (Notice.Row r : s.rows()) {
                    b.append("<tr><th scope=\"row\">").append(esc(r.label())).append("</th><td>").append(esc(r.value())).append("</td></tr>\n");
                }
                b.append("</table>\n");
            }
            b.append("</section>\n");
        }
        b.append("<footer>").append(esc(n.footer())).append("</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
