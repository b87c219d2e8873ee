package site

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

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
	chromium := kit.Tool(t, "chromium", "chromium")
	s, files := build(t, filepath.Join("..", ".."))

	fsys := fstest.MapFS{}
	for name, b := range files {
		fsys[name] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	srv := httptest.NewServer(http.FileServer(http.FS(fsys)))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
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
		if w[0] > w[1] {
			// What overflows: the innermost elements wider than their box that do not scroll.
			wide := eval(`Array.from(document.querySelectorAll("main *")).filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX == "visible" && !e.closest("pre")).slice(-3).map(e => e.tagName + "." + e.className + ": " + e.textContent.slice(0, 60))`)
			t.Errorf("%s on a 375px phone: %dpx wide, scrolls sideways (client width %dpx); too wide: %q", p, w[0], w[1], wide)
		}
	}
	shot(t, bctx, "home-phone")
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
