package site

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"example.com/cloudgo/internal/kit"
)

// TestBrowser drives Debian's Chromium, headless, through the repository's site
// served on localhost: the home page lists every topic, a click leads to an
// example with code and output, "next" leads on, no page logs an error to the
// console, and a phone-wide viewport never scrolls sideways. With
// CLOUDGO_SITE_SCREENSHOTS set, a screenshot of every topic page (and of the home
// page and an example page) is saved there.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the browser test starts Chromium")
	}
	siteCheck(t)
	chromium := browser(t)
	s, files := build(t, filepath.Join("..", ".."))

	fsys := fstest.MapFS{}
	for name, b := range files {
		fsys[name] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	srv := httptest.NewServer(http.FileServer(http.FS(fsys)))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	actx, acancel := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium (%s): %v", chromium, err)
	}

	// Every console message of every page, collected until the end of the test.
	var (
		mu       sync.Mutex
		messages []string
		done     = make(chan struct{})
	)
	lctx, lcancel := context.WithCancel(bctx)
	go func() {
		defer close(done)
		for m, err := range chromedp.Console(lctx) {
			if err != nil {
				return
			}
			mu.Lock()
			messages = append(messages, fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line))
			mu.Unlock()
		}
	}()
	defer func() {
		lcancel()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, m := range messages {
			t.Errorf("console: %s", m)
		}
	}()

	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	at := func(page string) chromedp.Action[chromedp.Void] {
		return chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`main[data-page=%q]`, page)))
	}
	eval := func(expr string) []string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](expr))
		if err != nil {
			t.Fatalf("evaluate %s: %v", expr, err)
		}
		return v
	}

	// The home page lists every topic, in reading order.
	do("open the home page", chromedp.Navigate(srv.URL+"/"), at("index.html"))
	var want []string
	for _, tp := range s.Topics {
		want = append(want, tp.Name)
	}
	if got := eval(`Array.from(document.querySelectorAll("ol.topics h2 a"), a => a.textContent)`); !slices.Equal(got, want) {
		t.Errorf("home page lists %q, want %q", got, want)
	}
	shot(t, bctx, "home")

	// A click to a topic, a click to its example: code and output.
	var e *Example
	for _, x := range s.Examples() {
		if x.HasDemo {
			e = x
			break
		}
	}
	if e == nil { // no demo run: the page says so
		e = s.Examples()[0]
	}
	do("click to "+e.Topic, chromedp.Click(chromedp.CSS(fmt.Sprintf(`ol.topics a[href=%q]`, topicPath(e.Topic)))), at(topicPath(e.Topic)))
	do("click to "+e.Path, chromedp.Click(chromedp.CSS(fmt.Sprintf(`table.examples a[href=%q]`, e.Rel+".html"))), at(e.pagePath()))
	code := eval(`Array.from(document.querySelectorAll(".program .code pre"), p => p.innerText)`)
	if len(code) == 0 || !strings.Contains(strings.Join(code, ""), "package main") {
		t.Errorf("%s: the page shows no code: %q", e.Path, code)
	}
	if e.HasDemo {
		out := eval(`Array.from(document.querySelectorAll("pre.output"), p => p.innerText)`)
		if len(out) != 1 || strings.TrimSpace(out[0]) != strings.TrimSpace(e.Output) {
			t.Errorf("%s: output shown %q, want the demo's %q", e.Path, out, e.Output)
		}
	} else if got := eval(`Array.from(document.querySelectorAll(".no-output"), p => p.innerText)`); len(got) != 1 {
		t.Errorf("%s: no output block and no note that there is none", e.Path)
	}
	shot(t, bctx, "example")

	// Text, links and muted text keep a contrast of at least 4.5:1 (WCAG AA),
	// in light and in dark mode; the dark page is dark.
	for _, scheme := range []string{"light", "dark"} {
		do("prefers-color-scheme: "+scheme, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			return err
		}))
		for _, c := range eval(contrastJS) {
			t.Errorf("%s mode, %s: %s", scheme, e.Path, c)
		}
		if scheme == "dark" {
			shot(t, bctx, "example-dark")
		}
	}
	do("prefers-color-scheme: back to the reader's", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
		return err
	}))

	// "next" leads to the next example in reading order.
	all := s.Examples()
	if i := slices.Index(all, e); i+1 < len(all) {
		do("click next", chromedp.Click(chromedp.CSS(`a[rel=next]`)), at(all[i+1].pagePath()))
	}

	// Screenshots of every topic page, and no sideways scrolling on a phone.
	for _, tp := range s.Topics {
		do("open "+tp.Name, chromedp.Navigate(srv.URL+"/"+topicPath(tp.Name)), at(topicPath(tp.Name)))
		shot(t, bctx, tp.Name)
	}
	do("phone viewport", chromedp.EmulateViewport(375, 812, chromedp.EmulateScale(2)))
	pages := []string{"index.html", e.pagePath()}
	for _, tp := range s.Topics {
		pages = append(pages, topicPath(tp.Name))
	}
	for _, x := range all {
		pages = append(pages, x.pagePath())
	}
	for _, p := range pages {
		do("open "+p+" on a phone", chromedp.Navigate(srv.URL+"/"+p), at(p))
		w, err := chromedp.Run(bctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
		if err != nil {
			t.Fatal(err)
		}
		if p == e.pagePath() {
			shot(t, bctx, "example-phone")
		}
		if w[0] > w[1] {
			// What overflows: the innermost elements wider than their box that do not scroll.
			wide := eval(`Array.from(document.querySelectorAll("main *")).filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX == "visible" && !e.closest("pre")).slice(-3).map(e => e.tagName + "." + e.className + ": " + e.textContent.slice(0, 60))`)
			t.Errorf("%s on a 375px phone: %dpx wide, scrolls sideways (client width %dpx); too wide: %q", p, w[0], w[1], wide)
		}
	}
	shot(t, bctx, "home-phone")
}

// browser is the Chromium to drive: $CLOUDGO_CHROMIUM, else Debian's chromium
// (apt-get install chromium), else a Chromium or Chrome under another name (as
// on GitHub's runners). Without one the test is skipped, or fails under
// CLOUDGO_REQUIRE_SERVICES=1.
func browser(t *testing.T) string {
	if p := os.Getenv("CLOUDGO_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return kit.Tool(t, "chromium", "chromium")
}

// shot saves a full-page screenshot as $CLOUDGO_SITE_SCREENSHOTS/<name>.png.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("CLOUDGO_SITE_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// contrastJS lists the elements of a page whose text has a contrast below
// 4.5:1 against the page's background (WCAG 2 relative luminance).
const contrastJS = `(() => {
	const rgb = s => s.match(/[\d.]+/g).slice(0, 3).map(Number);
	const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
	const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
	const bg = rgb(getComputedStyle(document.body).backgroundColor);
	const bad = [];
	for (const sel of ["body", "main a", ".crumbs", ".doc p", ".code .nx", ".code .kn", ".code .s", ".code .c1", "pre.output", "pre.cmd", ".pager a", "footer.site"]) {
		const el = document.querySelector(sel);
		if (!el) continue;
		let back = bg;
		for (let p = el; p; p = p.parentElement) {
			const c = getComputedStyle(p).backgroundColor;
			if (!c.startsWith("rgba(0, 0, 0, 0")) { back = rgb(c); break; }
		}
		const r = ratio(rgb(getComputedStyle(el).color), back);
		if (r < 4.5) bad.push(sel + ": contrast " + r.toFixed(2) + ":1, below 4.5:1");
	}
	return bad;
})()`
