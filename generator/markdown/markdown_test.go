package markdown

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected HTML in testdata/cases.txtar")

// resolve knows a small site: guide/setup.md, guide/img.png and the
// folder guide.
func resolve(target string) (string, bool) {
	switch target {
	case "guide/setup.md":
		return "/guide/setup/", true
	case "guide/img.png":
		return "/guide/img.png", true
	case "guide":
		return "/guide/", true
	}
	return "", false
}

// TestCases converts each NAME.md of testdata/cases.txtar, as the page
// guide/page.md of a site under /docs/, and compares the HTML with NAME.html.
func TestCases(t *testing.T) {
	const file = "testdata/cases.txtar"
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	conv := New()
	want := map[string]int{}
	for i, f := range ar.Files {
		if name, ok := strings.CutSuffix(f.Name, ".html"); ok {
			want[name] = i
		}
	}
	for _, f := range ar.Files {
		name, ok := strings.CutSuffix(f.Name, ".md")
		if !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			res, err := conv.Convert(f.Data, Options{Path: "guide/page.md", Line: 1, BasePath: "/docs/", Resolve: resolve})
			if err != nil {
				t.Fatal(err)
			}
			i, ok := want[name]
			if *update {
				if !ok {
					ar.Files = append(ar.Files, txtar.File{Name: name + ".html"})
					i = len(ar.Files) - 1
					want[name] = i
				}
				ar.Files[i].Data = []byte(res.HTML)
				return
			}
			if !ok {
				t.Fatalf("no %s.html in %s", name, file)
			}
			if got := string(res.HTML); got != string(ar.Files[i].Data) {
				t.Errorf("got:\n%s\nwant:\n%s", got, ar.Files[i].Data)
			}
		})
	}
	if *update {
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestResult(t *testing.T) {
	src := "# The title\n\nIntro [setup](setup.md#install) and [gone](gone.md).\n\n## First {#one}\n\nText *here*.\n\n### Sub\n\n- [ ] a\n- [x] b\n\n## First\n\n```sh\nmake\n```\n"
	res, err := New().Convert([]byte(src), Options{Path: "guide/page.md", Line: 5, BasePath: "/", Resolve: resolve})
	if err != nil {
		t.Fatal(err)
	}
	if res.Title != "The title" {
		t.Errorf("Title = %q", res.Title)
	}
	if strings.Contains(string(res.HTML), "The title") {
		t.Errorf("the leading heading was not dropped:\n%s", res.HTML)
	}
	if got, want := fmt.Sprint(res.Headings), "[{2 one First} {3 sub Sub} {2 first First}]"; got != want {
		t.Errorf("Headings = %s, want %s", got, want)
	}
	if got, want := fmt.Sprintf("%+v", res.Links), "[{Line:7 Column:7 Dest:setup.md#install Target:guide/setup.md Fragment:install Image:false Found:true} {Line:7 Column:37 Dest:gone.md Target:guide/gone.md Fragment: Image:false Found:false}]"; got != want {
		t.Errorf("Links =\n%s\nwant\n%s", got, want)
	}
	if res.Tasks != 2 {
		t.Errorf("Tasks = %d, want 2", res.Tasks)
	}
	var blocks []string
	for _, b := range res.Blocks {
		blocks = append(blocks, b.HeadingID+"="+strings.Join(strings.Fields(b.Text), " "))
	}
	if got, want := strings.Join(blocks, " | "), "=Intro setup and gone. | one=Text here. | sub=a b | first=make"; got != want {
		t.Errorf("Blocks = %s, want %s", got, want)
	}
}

func TestTitleKept(t *testing.T) {
	src := "# Another heading\n\nText.\n"
	res, err := New().Convert([]byte(src), Options{Path: "p.md", Title: "Front matter title"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.HTML), "<h1") {
		t.Errorf("a leading heading that differs from the title was dropped:\n%s", res.HTML)
	}
	res, err = New().Convert([]byte(src), Options{Path: "p.md", Title: "Another heading"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(res.HTML), "<h1") {
		t.Errorf("a leading heading that repeats the title was kept:\n%s", res.HTML)
	}
}

func TestTitleLater(t *testing.T) {
	res, err := New().Convert([]byte("Intro.\n\n# Later title\n\nText.\n"), Options{Path: "p.md"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Title != "Later title" {
		t.Errorf("Title = %q, want the first top-level heading", res.Title)
	}
	if !strings.Contains(string(res.HTML), "<h1") {
		t.Error("a top-level heading after other text was dropped")
	}
}

func TestHeadingTextIsPlain(t *testing.T) {
	res, err := New().Convert([]byte("## What's *new*\n"), Options{Path: "p.md"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Headings[0].Text, "What’s new"; got != want {
		t.Errorf("heading text = %q, want %q (plain text, no entities)", got, want)
	}
}

// TestSlug checks heading ids: the slug of a heading's text, and the
// line it is made from, with brackets that close and brackets that do not.
func TestSlug(t *testing.T) {
	for name, f := range map[string]struct {
		f     func(string) string
		cases map[string]string
	}{
		"Slug": {Slug, map[string]string{
			"Exit criteria":          "exit-criteria",
			"Go/no-go meeting":       "gono-go-meeting",
			"What's new in 2.0?":     "whats-new-in-20",
			"snake_case and kebab-x": "snake_case-and-kebab-x",
			"Überblick":              "überblick",
		}},
		"headingText": {headingText, map[string]string{
			"See [setup](setup.md)":      "See [setup]",
			"[a](x_(y).md) and [b][ref]": "[a] and [b]",
			"`code](x)` stays":           "`code](x)` stays",
			"Unclosed [a](b and [c][d":   "Unclosed [a](b and [c][d",
			"Plain words":                "Plain words",
		}},
	} {
		for in, want := range f.cases {
			if got := f.f(in); got != want {
				t.Errorf("%s(%q) = %q, want %q", name, in, got, want)
			}
		}
	}
}

func TestChromaCSS(t *testing.T) {
	css, err := ChromaCSS("github", "github-dark")
	if err != nil {
		t.Fatal(err)
	}
	s := string(css)
	for _, want := range []string{`:root[data-theme="dark"] .chroma`, `:root[data-theme="light"] .chroma`, "@media (prefers-color-scheme: dark)", "@media (prefers-color-scheme: light)", `:root:not([data-theme]) .chroma`} {
		if !strings.Contains(s, want) {
			t.Errorf("chroma.css lacks %q", want)
		}
	}
	// No rule may apply in both modes: every rule is scoped to one.
	depth := 0
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "@media") {
			depth++
			continue
		}
		if line == "}" {
			depth--
			continue
		}
		if strings.Contains(line, "{") && !strings.Contains(line, "data-theme") {
			t.Errorf("rule not scoped to a mode: %s", line)
		}
	}
	if _, err := ChromaCSS("nope", "github-dark"); err == nil {
		t.Error("unknown style accepted")
	}
}
