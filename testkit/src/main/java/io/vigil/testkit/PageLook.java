package io.vigil.testkit;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How a page looks to the guard in front of it, measured in the browser: the theme the
 * header's switch chose, the colours an element is drawn in (its background composited
 * through its ancestors, as the eye sees it), the WCAG 2 contrast ratio of every visible
 * text, how much of the screen the video pictures use, and whether the watermark is really
 * drawn over the picture (pixels of a screenshot with and without it). Shared by the camera,
 * several-cameras and live wall tests (docs/web.md, "Look").
 */
public final class PageLook {
    /** WCAG 2.x AA for text: the least contrast ratio every text on a page must have. */
    public static final double MIN_TEXT_CONTRAST = 4.5;

    /** Colour parsing, compositing, WCAG relative luminance and contrast, as script functions. */
    private static final String COLOURS = "const parse = (c) => { const m = /rgba?\\(([^)]+)\\)/.exec(c || '');"
            + " if (!m) return [0, 0, 0, 0]; const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);"
            + " return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };\n"
            + "const over = (top, under) => { const a = top[3];"
            + " return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat([1]); };\n"
            + "const background = (el) => { const layers = [];"
            + " for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);"
            + "   if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }"
            + " let bg = [255, 255, 255, 1]; for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg); return bg; };\n"
            + "const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };"
            + " return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };\n"
            + "const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };\n"
            + "const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')"
            + " + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');\n";

    private PageLook() {}

    /** Switches the theme with the header's button, as a guard does, until the page is in {@code theme} ("dark" or "light"). */
    public static void useTheme(ChromeDriver driver, String theme) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(d -> !d.findElements(By.id("theme-toggle")).isEmpty());
        if (!theme.equals(js(driver, "return document.documentElement.dataset.theme;"))) {
            driver.findElement(By.id("theme-toggle")).click();
        }
        wait.until(d -> theme.equals(js(driver, "return document.documentElement.dataset.theme;")));
    }

    /**
     * The first element matching {@code selector} as drawn: {@code bg} its background seen
     * through its ancestors, {@code fg} its text colour over that, {@code bgLuminance} and
     * {@code fgLuminance} (WCAG relative luminance, 0 black .. 1 white), {@code contrast}.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> colours(ChromeDriver driver, String selector) {
        Object m = js(driver, COLOURS + "const el = document.querySelector(arguments[0]); if (!el) return null;"
                + "const bg = background(el), fg = over(parse(getComputedStyle(el).color), bg);"
                + "return {bg: bg.slice(0, 3).map(Math.round), fg: fg.slice(0, 3).map(Math.round), bgLuminance: lum(bg),"
                + " fgLuminance: lum(fg), contrast: ratio(fg, bg)};", selector);
        if (m == null) throw new AssertionError("no element matches " + selector);
        return (Map<String, Object>) m;
    }

    /**
     * Every visible text on the page whose contrast with what lies behind it is below
     * {@code min}, described (element, ratio, colours); empty when all pass. Left out: the
     * watermark (translucent on purpose; {@link #watermarkPixels} checks it), disabled
     * controls (WCAG exempts them) and text not on screen (hidden, clipped to a pixel).
     */
    @SuppressWarnings("unchecked")
    public static List<String> lowContrastText(ChromeDriver driver, double min) {
        return (List<String>) js(driver, COLOURS + "const out = [];"
                + "for (const el of document.querySelectorAll('body *')) {"
                + "  if (el.closest('.watermark, script, style, option, :disabled')) continue;"
                + "  if (!Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) continue;"
                + "  const r = el.getBoundingClientRect(), s = getComputedStyle(el);"
                + "  if (r.width <= 1 || r.height <= 1 || r.right < 0 || r.left > innerWidth) continue;"
                + "  if (s.visibility !== 'visible' || Number(s.opacity) === 0) continue;"
                + "  const bg = background(el), fg = over(parse(s.color), bg), k = ratio(fg, bg);"
                + "  if (k < arguments[0]) out.push(name(el) + ' \"' + el.textContent.trim().slice(0, 40) + '\" ' + k.toFixed(2)"
                + "    + ': rgb(' + fg.slice(0, 3).map(Math.round) + ') on rgb(' + bg.slice(0, 3).map(Math.round) + ')'); }"
                + "return out;", min);
    }

    /**
     * The screen the videos use, as shares of the window's area (each clipped to the window):
     * {@code boxes} the video elements laid out on the page (a camera with nothing to show at
     * that moment keeps its place), {@code share} the pictures as drawn in them (the video's
     * frame fitted into its element, as {@code object-fit: contain} and the default draw it;
     * visible videos with a picture only), {@code largest} the largest picture, and {@code
     * videos} how many pictures were counted.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> pictureShare(ChromeDriver driver, String videoSelector) {
        return (Map<String, Object>) js(driver, "const area = (x, y, w, h) => Math.max(0, Math.min(x + w, innerWidth) - Math.max(x, 0))"
                + "  * Math.max(0, Math.min(y + h, innerHeight) - Math.max(y, 0)) / (innerWidth * innerHeight);"
                + "let sum = 0, boxes = 0, largest = 0, n = 0;"
                + "for (const v of document.querySelectorAll(arguments[0])) {"
                + "  const r = v.getBoundingClientRect();"
                + "  if (r.width < 2 || r.height < 2) continue;"
                + "  boxes += area(r.left, r.top, r.width, r.height);"
                + "  if (!v.videoWidth || getComputedStyle(v).visibility !== 'visible') continue;"
                + "  const k = Math.min(r.width / v.videoWidth, r.height / v.videoHeight), w = v.videoWidth * k, h = v.videoHeight * k;"
                + "  const a = area(r.left + (r.width - w) / 2, r.top + (r.height - h) / 2, w, h);"
                + "  sum += a; largest = Math.max(largest, a); n++; }"
                + "return {boxes: boxes, share: sum, largest: largest, videos: n, width: innerWidth, height: innerHeight};", videoSelector);
    }

    /**
     * How many screen pixels the watermark {@code watermarkSelector} changes where it lies:
     * a screenshot with it, one with it hidden (its visibility only, so nothing moves), the
     * pixels inside its box that differ by more than 48 levels in a channel. Zero when it is
     * not drawn (covered, transparent, off screen). The pictures under it must be still (the
     * caller pauses the videos); the watermark is shown again before returning.
     */
    public static int watermarkPixels(ChromeDriver driver, String watermarkSelector) {
        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) js(driver, "const w = document.querySelector(arguments[0]);"
                + "w.scrollIntoView({block: 'center'}); const r = w.getBoundingClientRect(), k = devicePixelRatio;"
                + "return {x: Math.round(r.left * k), y: Math.round(r.top * k), w: Math.round(r.width * k), h: Math.round(r.height * k)};",
                watermarkSelector);
        BufferedImage with = screenshot(driver);
        afterPaint(driver, "document.querySelector(arguments[0]).style.visibility = 'hidden';", watermarkSelector);
        BufferedImage without = screenshot(driver);
        afterPaint(driver, "document.querySelector(arguments[0]).style.visibility = '';", watermarkSelector);
        int x0 = Math.max(0, num(box, "x")), y0 = Math.max(0, num(box, "y"));
        int x1 = Math.min(with.getWidth(), x0 + num(box, "w")), y1 = Math.min(with.getHeight(), y0 + num(box, "h"));
        int changed = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int a = with.getRGB(x, y), b = without.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    if (Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) > 48) {
                        changed++;
                        break;
                    }
                }
            }
        }
        return changed;
    }

    private static int num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).intValue();
    }

    /** Runs {@code script} and returns once the browser has painted what it changed (two animation frames). */
    private static void afterPaint(ChromeDriver driver, String script, Object... args) {
        driver.executeAsyncScript(script + "const done = arguments[arguments.length - 1];"
                + "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));", args);
    }

    private static BufferedImage screenshot(ChromeDriver driver) {
        try {
            return ImageIO.read(new ByteArrayInputStream(driver.getScreenshotAs(OutputType.BYTES)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object js(ChromeDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
