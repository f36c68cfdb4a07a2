package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/twitchcheck/twitchcheck/data"
	"github.com/twitchcheck/twitchcheck/internal/externaltest"
	"github.com/twitchcheck/twitchcheck/knowledge"
)

// chromiumFlags run headless Chromium offline: no sandbox (CI runs as
// root), no background requests, and every host name unresolvable, so
// the report could not fetch anything even if it tried.
var chromiumFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
	"--no-first-run", "--disable-background-networking", "--disable-component-update",
	"--disable-sync", "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND",
}

// printPDF prints an HTML file to PDF with headless Chromium and returns
// the PDF. Chromium exits 0 even when it fails, so the file is checked.
func printPDF(t *testing.T, chromium, htmlPath string) []byte {
	t.Helper()
	out := strings.TrimSuffix(htmlPath, ".html") + ".pdf"
	os.Remove(out)
	profile := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := append(append([]string{}, chromiumFlags...), "--user-data-dir="+profile, "--print-to-pdf="+out, "--no-pdf-header-footer", "file://"+htmlPath)
	cmd := exec.CommandContext(ctx, chromium, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	pdf, rerr := os.ReadFile(out)
	if err != nil || rerr != nil || len(pdf) == 0 {
		t.Fatalf("chromium printed no PDF (%v, %v):\n%s", err, rerr, stderr.String())
	}
	return pdf
}

// pdfPages counts the pages of a PDF as Chromium (Skia) writes it: page
// objects in plain sight, no object streams.
func pdfPages(t *testing.T, pdf []byte) int {
	t.Helper()
	if bytes.Contains(pdf, []byte("/ObjStm")) {
		t.Fatal("the PDF uses object streams; count its pages with pdfinfo")
	}
	return len(regexp.MustCompile(`/Type\s*/Page[\s/>]`).FindAll(pdf, -1))
}

// wordBox is one word of pdftotext -bbox output.
var wordBox = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">|<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)

// TestPrintInChromium prints the HTML report of every sample case in
// headless Chromium and checks: one or two pages (Letter, Chromium's
// default, and A4 for the longest), nothing outside the page, and the
// text of the PDF holds the triage line, every section and every
// reference's address.
func TestPrintInChromium(t *testing.T) {
	chromium := externaltest.Tool(t, "chromium", "chromium-browser", "google-chrome")
	pdftotext := externaltest.Tool(t, "pdftotext")
	rb := data.RuleBase()
	cases, err := knowledge.ReadCases(rb, data.Cases(), "data/cases")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// Printing takes Chromium about two seconds a page set, so print the
	// three longest reports (the ones that could pass two pages) and the
	// shortest.
	type rendered struct {
		id   string
		res  knowledge.Result
		html []byte
	}
	var all []rendered
	for _, c := range cases {
		res := knowledge.Assess(c.Answers)
		var buf bytes.Buffer
		if err := HTML(&buf, c.Answers, res, reportDate); err != nil {
			t.Fatal(err)
		}
		all = append(all, rendered{c.ID, res, buf.Bytes()})
	}
	sort.Slice(all, func(i, j int) bool { return len(all[i].html) > len(all[j].html) })
	all = append(all[:3], all[len(all)-1])
	longest := filepath.Join(dir, all[0].id+".html")
	for _, r := range all {
		p := filepath.Join(dir, r.id+".html")
		os.WriteFile(p, r.html, 0o600)
		pdf := printPDF(t, chromium, p)
		if n := pdfPages(t, pdf); n < 1 || n > 2 {
			t.Errorf("%s: %d pages, want 1 or 2", r.id, n)
		}
		text := pdfCheck(t, pdftotext, strings.TrimSuffix(p, ".html")+".pdf")
		for _, want := range []string{TriageLine(rb, r.res.Triage.Level), PointsToTitle, TriggersTitle, AnswersTitle, "References", "Disclaimer"} {
			if !strings.Contains(text, squash(want)) {
				t.Errorf("%s: the PDF text lacks %q", r.id, want)
			}
		}
		links := regexp.MustCompile(`href="https?://([^"]*)"`).FindAllStringSubmatch(string(r.html), -1)
		if len(links) == 0 {
			t.Errorf("%s: no reference links", r.id)
		}
		for _, l := range links {
			u := strings.ReplaceAll(l[1], "&amp;", "&")
			if !strings.Contains(strings.ReplaceAll(text, " ", ""), u) {
				t.Errorf("%s: the address %s is not all on the page", r.id, u)
			}
		}
	}
	// The longest report on A4 too.
	html, _ := os.ReadFile(longest)
	a4 := strings.TrimSuffix(longest, ".html") + "-a4.html"
	os.WriteFile(a4, bytes.Replace(html, []byte("<style>\n"), []byte("<style>\n@page { size: A4; }\n"), 1), 0o600)
	if n := pdfPages(t, printPDF(t, chromium, a4)); n < 1 || n > 2 {
		t.Errorf("%s on A4: %d pages, want 1 or 2", filepath.Base(longest), n)
	}
}

// pdfCheck extracts the words of a PDF with their boxes, checks every
// word lies on its page, and returns the text in the order it is drawn
// (the document's order), white space squashed.
func pdfCheck(t *testing.T, pdftotext, pdfPath string) string {
	t.Helper()
	out, err := exec.Command(pdftotext, "-bbox", pdfPath, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var w, h float64
	for _, m := range wordBox.FindAllStringSubmatch(string(out), -1) {
		if m[1] != "" {
			w, _ = strconv.ParseFloat(m[1], 64)
			h, _ = strconv.ParseFloat(m[2], 64)
			continue
		}
		x0, _ := strconv.ParseFloat(m[3], 64)
		y0, _ := strconv.ParseFloat(m[4], 64)
		x1, _ := strconv.ParseFloat(m[5], 64)
		y1, _ := strconv.ParseFloat(m[6], 64)
		if x0 < 0 || y0 < 0 || x1 > w+0.5 || y1 > h+0.5 {
			t.Errorf("%s: %q lies outside the %gx%g page (%g,%g to %g,%g)", filepath.Base(pdfPath), m[7], w, h, x0, y0, x1, y1)
		}
	}
	raw, err := exec.Command(pdftotext, "-raw", pdfPath, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return squash(string(raw))
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
