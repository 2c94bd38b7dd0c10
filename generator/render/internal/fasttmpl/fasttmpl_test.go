package fasttmpl

import (
	"bytes"
	"errors"
	"html/template"
	"strings"
	"testing"
	"time"
)

type status string

func (s status) Label() string { return strings.ToUpper(string(s)) }

type counter int

func (c counter) String() string { return "#" + string(rune('0'+int(c))) }

type item struct {
	Name  string
	URL   string
	Count int
	Tags  []string
}

func (i *item) Double() int { return i.Count * 2 }

func (i item) Fails() (string, error) { return "", errors.New("no") }

type data struct {
	Title   string
	HTML    template.HTML
	URL     template.URL
	Status  status
	Counter counter
	N       int
	U       uint
	F       float64
	B       bool
	When    time.Time
	Items   []item
	Ptrs    []*item
	Nil     *item
	Map     map[string]any
	Params  map[string]string
	Any     any
	Empty   []string
}

func (d *data) Method() string { return "m<" + d.Title + ">" }

var sample = &data{
	Title:   `A & B <script>"x"</script> 'y' +z` + "\x00",
	HTML:    "<b>bold</b> &amp;",
	URL:     "javascript:alert(1)",
	Status:  "overdue",
	Counter: 3,
	N:       2,
	U:       7,
	F:       0.5,
	B:       true,
	When:    time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC),
	Items: []item{
		{Name: "one", URL: "/a b/ü?x=1&y=%41", Count: 1, Tags: []string{"t1", "t2"}},
		{Name: "two", URL: "javascript:alert(2)", Count: 2},
	},
	Ptrs:   []*item{{Name: "p", Count: 5}},
	Map:    map[string]any{"k": "v<", "n": 4, "list": []any{"a", 1}},
	Params: map[string]string{"when": "now"},
	Any:    "any<",
}

var funcs = template.FuncMap{
	"url":   func(p string) string { return "/base" + p },
	"upper": strings.ToUpper,
	"date":  func(t time.Time) string { return t.Format("2 January 2006") },
	"fail":  func(string) (string, error) { return "", errors.New("failed") },
	"dict": func(kv ...any) (map[string]any, error) {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m, nil
	},
	"html5": func() template.HTML { return "<i>x</i>" },
}

// The cases run on the fast path unless marked: declined at compile
// time (compile) or while running (run). Either way, the output of every
// case that runs is compared with html/template's.
var cases = []struct {
	name, src string
	compile   bool // declined by Compile
	run       bool // declined by Execute
}{
	{name: "text", src: `<p>plain</p>`},
	{name: "escape text", src: `<p>{{.Title}}</p>`},
	{name: "escape attr", src: `<p title="{{.Title}}">x</p>`},
	{name: "unquoted attr", src: `<p class={{.Title}}>x</p>`, compile: true},
	{name: "html", src: `<div>{{.HTML}}</div>`},
	{name: "html in attr", src: `<p title="{{.HTML}}">x</p>`, run: true},
	{name: "href", src: `{{range .Items}}<a href="{{.URL}}">{{.Name}}</a>{{end}}`},
	{name: "href query", src: `<a href="/search?q={{.Title}}">x</a>`},
	{name: "href typed url", src: `<a href="{{.URL}}">x</a>`, run: true},
	{name: "title", src: `<title>{{block "t" .}}{{.Title}} — {{.N}}{{end}}</title>`},
	{name: "title html", src: `<title>{{block "t" .}}{{.HTML}}{{end}}</title>`, run: true},
	{name: "title inline", src: `<title>{{.Title}} — {{.N}}</title><textarea>{{.Title}}</textarea>`},
	{name: "title inline html", src: `<title>{{.HTML}}</title>`, run: true},
	{name: "numbers", src: `{{.N}} {{.U}} {{.F}} {{.B}} {{.Counter}} {{.Status}}`},
	{name: "method", src: `{{.Method}} {{.Status.Label}} {{(index .Ptrs 0).Double}}`},
	{name: "method on value", src: `{{range .Items}}{{.Double}}{{end}}`},
	{name: "method error", src: `{{with index .Items 0}}{{.Fails}}{{end}}`, run: true},
	{name: "time method", src: `{{if not .When.IsZero}}{{date .When}}{{end}}`},
	{name: "map", src: `{{.Map.k}} {{.Map.n}} {{.Map.missing}} {{.Params.when}} {{.Params.none}}|`},
	{name: "map range", src: `{{range .Map}}{{.}}{{end}}`, run: true},
	{name: "nil pointer field", src: `{{.Nil.Name}}`, run: true},
	{name: "with else", src: `{{with .Nil}}no{{else with .Title}}{{.}}{{else}}none{{end}}`},
	{name: "if chain", src: `{{if eq .N 1}}one{{else if eq .N 2}}two{{else}}many{{end}}`},
	{name: "compare", src: `{{lt .N 3}} {{le .N 2}} {{gt .N 2}} {{ge .F 0.5}} {{ne .Title "x"}} {{eq .Status "overdue" "fresh"}} {{lt "a" "b"}}`},
	{name: "compare mixed", src: `{{eq .N .U}}`, run: true},
	{name: "compare kinds", src: `{{eq .N "2"}}`, run: true},
	{name: "and or", src: `{{and .N .Title}} {{or .Empty .Nil "x"}} {{and .B .Empty}} {{or 0 ""}}`},
	{name: "not len", src: `{{not .Empty}} {{len .Items}} {{len .Title}} {{if ge (len .Items) 2}}two{{end}}`},
	{name: "index slice", src: `{{index .Items 1 | printf "%v"}} {{index .Params "when"}} {{slice .Title 1 5}} {{index .Map "list" 1}}`},
	{name: "index out of range", src: `{{index .Items 5}}`, run: true},
	{name: "variables", src: `{{$t := .Title}}{{$n := 1}}{{range $i, $e := .Items}}{{$n = $i}}{{$i}}:{{$e.Name}}:{{$t}}{{end}}{{$n}}`},
	{name: "range one var", src: `{{range $e := .Items}}{{$e.Count}}{{end}}{{range .Empty}}x{{else}}empty{{end}}`},
	{name: "range nil", src: `{{range .Nil}}x{{else}}none{{end}}`, run: true},
	{name: "dollar", src: `{{range .Items}}{{$.N}}{{.Name}}{{end}}`},
	{name: "templates", src: `{{define "row"}}<li>{{.Name}} {{template "tag" .Tags}}</li>{{end}}{{define "tag"}}{{range .}}#{{.}}{{end}}{{end}}{{range .Items}}{{template "row" .}}{{end}}{{template "tag"}}`},
	{name: "functions", src: `{{url "/x"}} {{upper .Title}} {{.Title | upper}} {{with dict "a" .N "b" "c"}}{{.a}}{{.b}}{{end}} {{html5}}`},
	{name: "function error", src: `{{fail "x"}}`, run: true},
	{name: "print", src: `{{print .N "a" .F}} {{printf "%d-%s" .N .Title}} {{println .B}}`},
	{name: "pipeline", src: `{{.Title | len | printf "%03d"}}`},
	{name: "chain", src: `{{(index .Items 0).Name}} {{(index .Ptrs 0).Name}}`},
	{name: "any", src: `{{.Any}} {{with .Any}}{{.}}{{end}}`},
	{name: "comment", src: `a{{/* note */}}b <!-- gone -->c`},
	{name: "break", src: `{{range .Items}}{{break}}{{end}}`, compile: true},
	{name: "script", src: `<script>var x = {{.Title}};</script>`, compile: true},
	{name: "missing field", src: `{{.Nope}}`, run: true},
	{name: "unexported", src: `{{.Items}}`},
}

func TestCompare(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			set := template.Must(template.New("page").Funcs(funcs).Option("missingkey=zero").Parse(tc.src))
			var want bytes.Buffer
			wantErr := set.Execute(&want, sample)

			p, err := Compile(set, "page", funcs, nil)
			if tc.compile {
				if err == nil {
					t.Fatal("compiled, want declined")
				}
				return
			}
			if err != nil {
				t.Fatalf("declined: %v", err)
			}
			out := bytes.NewBufferString("prefix|")
			ok := p.Execute(out, sample)
			if !ok {
				if out.String() != "prefix|" {
					t.Errorf("declined, but the buffer holds %q", out)
				}
				if !tc.run {
					t.Errorf("declined; html/template gives %q, %v", want.String(), wantErr)
				}
				return
			}
			if tc.run {
				t.Errorf("ran, want declined; html/template gives %q, %v", want.String(), wantErr)
			}
			if wantErr != nil {
				t.Fatalf("ran, but html/template fails: %v", wantErr)
			}
			if got := strings.TrimPrefix(out.String(), "prefix|"); got != want.String() {
				t.Errorf("output differs\ngot:  %q\nwant: %q", got, want.String())
			}
		})
	}
}

// TestCompileError checks that what Compile declines is named with its
// place in the template's file.
func TestCompileError(t *testing.T) {
	for src, want := range map[string]string{
		"a\n{{range .Items}}\n  {{break}}{{end}}":                       "page:3:4: {{break}}: not handled",
		"{{define \"row\"}}x\n{{call .F}}{{end}}{{template \"row\" .}}": "page:2:2: function call: not handled",
		"<script>{{.Title}}</script>":                                   "page:1:10: a value in JavaScript: not handled",
	} {
		set := template.Must(template.New("page").Funcs(funcs).Parse(src))
		set.Execute(&bytes.Buffer{}, sample)
		_, err := Compile(set, "page", funcs, nil)
		if err == nil || err.Error() != want {
			t.Errorf("%q: got %v, want %s", src, err, want)
		}
	}
}

// TestWriter checks that an action printing a function with a Writer
// calls the Writer, where it can, and gives html/template's output.
func TestWriter(t *testing.T) {
	names := func(items []item) template.HTML {
		var b strings.Builder
		for _, it := range items {
			b.WriteString("<b>" + template.HTMLEscapeString(it.Name) + "</b>")
		}
		return template.HTML(b.String())
	}
	calls := 0
	writers := map[string]Writer{"names": func(w *bytes.Buffer, arg any) bool {
		items, ok := arg.([]item)
		if !ok {
			return false
		}
		calls++
		w.WriteString(string(names(items)))
		return true
	}}
	fm := template.FuncMap{"names": names}
	for _, tc := range []struct {
		src   string
		calls int  // of the Writer
		run   bool // declined when run
	}{
		{src: `<ul>{{names .Items}}</ul>`, calls: 1},
		{src: `{{with .Items}}{{names .}}{{names .}}{{end}}`, calls: 2},
		{src: `{{names .Items | printf "%s"}}`},
		{src: `<p title="{{names .Items}}">`, run: true},
		{src: `{{names .Title}}`, run: true},
	} {
		set := template.Must(template.New("page").Funcs(fm).Parse(tc.src))
		var want bytes.Buffer
		wantErr := set.Execute(&want, sample)
		p, err := Compile(set, "page", fm, writers)
		if err != nil {
			t.Fatalf("%s: declined: %v", tc.src, err)
		}
		calls = 0
		var out bytes.Buffer
		ok := p.Execute(&out, sample)
		switch {
		case ok == tc.run:
			t.Errorf("%s: ran %v; html/template gives %q, %v", tc.src, ok, want.String(), wantErr)
		case ok && out.String() != want.String():
			t.Errorf("%s: output differs\ngot:  %q\nwant: %q", tc.src, out.String(), want.String())
		case calls != tc.calls && !tc.run:
			t.Errorf("%s: the writer was called %d times, want %d", tc.src, calls, tc.calls)
		}
	}
}

// FuzzEscape compares the escapers with html/template's on any string,
// in text, attributes, URLs and <title>.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "a&b", "<x y='z'>", "\x00+\"", "/a b/?q=%4G%41&x", "javascript:x", "HTTP:ok", "mailto:a@b", "\xff\xfe ü", "a:b/c"} {
		f.Add(s)
	}
	set := template.Must(template.New("page").Option("missingkey=zero").Parse(
		`<title>{{block "t" .}}{{.}}{{end}}</title><p title="{{.}}">{{.}}</p><a href="{{.}}">x</a><a href="/x?q={{.}}">y</a><title>{{.}}</title><textarea>{{.}}</textarea>`))
	if err := set.Execute(&bytes.Buffer{}, ""); err != nil {
		f.Fatal(err)
	}
	p, err := Compile(set, "page", nil, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want, got bytes.Buffer
		if err := set.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		if !p.Execute(&got, s) {
			t.Fatal("declined")
		}
		if got.String() != want.String() {
			t.Errorf("%q:\ngot:  %q\nwant: %q", s, got.String(), want.String())
		}
	})
}
