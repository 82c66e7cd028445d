package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.testkit.PageLook;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.Dimension;

/**
 * A footage page as the monitoring room sees it (issue 12, "Look"), checked in the browser:
 * at 1366x768 and 1920x1080 nothing a guard would not say, the picture on the screen and
 * using it; at 1920x1080 the dark theme (dark page, tiles and timeline, every text at WCAG
 * contrast 4.5 or more) and the watermark drawn over the picture in both themes
 * ({@link PageLook}). The videos must be paused (the watermark is found by its pixels).
 */
final class GuardsView {
    private GuardsView() {}

    /**
     * At the monitoring room's two screen sizes the page says nothing a guard would not say
     * (no grant id, no field names, no codec names), the picture (the element {@code
     * pictureSelector}) lies wholly on the screen and the videos ({@code videoSelector}) take
     * at least the {@link Look}'s share of it; at 1920x1080 both themes are checked
     * ({@link #assertBothThemes}); a screenshot of each is kept.
     */
    static void assertGuardsView(HeadlessChromium chrome, String page, String pictureSelector, String videoSelector, Look look) throws Exception {
        String grant = (String) chrome.js("const v = document.querySelector('video[src*=\"/grants/\"]');"
                + "return v ? decodeURIComponent(v.getAttribute('src').split('/grants/')[1].split('/')[0]) : '';");
        assertTrue(!grant.isEmpty(), page + ": a video of a grant plays");
        for (Dimension size : List.of(new Dimension(1366, 768), new Dimension(1920, 1080))) {
            chrome.driver.manage().window().setSize(size);
            chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> ((Number) chrome.js("return window.innerWidth;")).intValue()
                    == size.getWidth());
            String text = (String) chrome.js("return document.body.innerText;");
            for (String internal : List.of(grant, "expiresAt", "grantId", "avc1", "H264", "H.264", "hvc1", "undefined", "NaN")) {
                assertTrue(!text.contains(internal), page + " at " + size + " shows '" + internal + "': " + text);
            }
            Map<String, Object> box = chrome.jsMap("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                    + "window.scrollTo(0, window.scrollY + r.top - 8);"
                    + "const s = document.querySelector(arguments[0]).getBoundingClientRect();"
                    + "return {left: s.left, right: s.right, top: s.top, bottom: s.bottom, w: innerWidth, h: innerHeight};", pictureSelector);
            assertTrue(((Number) box.get("left")).doubleValue() >= 0 && ((Number) box.get("right")).doubleValue() <= size.getWidth()
                    && ((Number) box.get("bottom")).doubleValue() <= ((Number) box.get("h")).doubleValue() + 1,
                    page + " at " + size + ": the picture is on the screen: " + box);
            Map<String, Object> used = PageLook.pictureShare(chrome.driver, videoSelector);
            System.out.println(page + " at " + size + ": the pictures use " + used);
            double least = size.getWidth() == 1920 ? look.share1080() : look.share768();
            assertTrue(((Number) used.get("boxes")).doubleValue() >= least,
                    page + " at " + size + ": the videos take at least " + least + " of the screen: " + used);
            chrome.screenshot(page + "-" + size.getWidth() + "x" + size.getHeight());
            if (size.getWidth() == 1920) assertBothThemes(chrome, page, look);
        }
        chrome.driver.manage().window().setSize(new Dimension(1366, 768));
    }

    /**
     * A page's look in the monitoring room's dark theme and in the light one (videos paused):
     * dark body, tiles and timeline; every text at WCAG contrast 4.5 or more; the watermark
     * drawn over the picture in both. Ends in the light theme, as the other tests expect.
     */
    private static void assertBothThemes(HeadlessChromium chrome, String page, Look look) throws Exception {
        PageLook.useTheme(chrome.driver, "dark");
        Map<String, Object> body = PageLook.colours(chrome.driver, "body");
        assertTrue(lum(body, "bgLuminance") < 0.02 && lum(body, "fgLuminance") > 0.6, page + ": the dark theme's page is dark with light text: " + body);
        for (String part : look.darkParts()) {
            Map<String, Object> c = PageLook.colours(chrome.driver, part);
            assertTrue(lum(c, "bgLuminance") < 0.1, page + ": " + part + " is dark in the dark theme: " + c);
        }
        assertEquals(List.of(), PageLook.lowContrastText(chrome.driver, PageLook.MIN_TEXT_CONTRAST), page + ", dark theme: text below 4.5:1");
        int dark = PageLook.watermarkPixels(chrome.driver, look.watermark());
        chrome.screenshot(page + "-dark-1920x1080");
        PageLook.useTheme(chrome.driver, "light");
        assertTrue(lum(PageLook.colours(chrome.driver, "body"), "bgLuminance") > 0.6, page + ": the light theme is light again");
        assertEquals(List.of(), PageLook.lowContrastText(chrome.driver, PageLook.MIN_TEXT_CONTRAST), page + ", light theme: text below 4.5:1");
        int light = PageLook.watermarkPixels(chrome.driver, look.watermark());
        System.out.println(page + ": the watermark changes " + dark + " pixels of the picture in the dark theme, " + light + " in the light");
        assertTrue(dark >= 200 && light >= 200, page + ": the watermark is drawn over the picture in both themes (pixels it changes: dark "
                + dark + ", light " + light + ")");
    }

    private static double lum(Map<String, Object> colours, String key) {
        return ((Number) colours.get(key)).doubleValue();
    }

    /**
     * What a page's look is checked on: the least share of the screen its videos take at
     * 1366x768 and 1920x1080, the parts that must be dark in the dark theme, its watermark.
     */
    record Look(double share768, double share1080, List<String> darkParts, String watermark) {}
}
