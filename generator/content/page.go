package content

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Page types of the content model. A page's type selects its layout and the
// structured front matter it may carry.
const (
	TypePage       = "page"
	TypePlaybook   = "playbook"
	TypeRoadmap    = "roadmap"
	TypeKPIs       = "kpis"
	TypeCurriculum = "curriculum"
	TypeLesson     = "lesson"
)

// Types lists the page types in the order they are documented.
var Types = []string{TypePage, TypePlaybook, TypeRoadmap, TypeKPIs, TypeCurriculum, TypeLesson}

// CommonKeys are the front-matter keys every page may carry.
var CommonKeys = []string{
	"title", "description", "type", "tags", "team", "owner",
	"reviewed", "review_every", "updated", "draft", "weight", "aliases", "search",
}

// TypeKeys are the front-matter keys of the structured content types.
// They are known to every page, so that a misspelling of one is caught
// wherever it is written.
var TypeKeys = map[string][]string{
	TypePlaybook:   {"when", "duration", "roles", "templates"},
	TypeRoadmap:    {"period", "items"},
	TypeKPIs:       {"kpis"},
	TypeCurriculum: {"audience"},
	TypeLesson:     {"module", "order", "duration", "prerequisites", "outcomes"},
}

// KnownKeys returns CommonKeys and every type's keys.
func KnownKeys() []string {
	keys := slices.Clone(CommonKeys)
	for _, t := range Types {
		for _, k := range TypeKeys[t] {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// A Page is one Markdown file of the site.
type Page struct {
	// Path is the file's path below content/, slash-separated:
	// "playbooks/launch-readiness.md".
	Path string
	// File is the path reported in diagnostics, relative to the site root:
	// "content/playbooks/launch-readiness.md".
	File string
	// URL is the page's path on the site, without the base path:
	// "/playbooks/launch-readiness/". It always ends in a slash.
	URL string
	// IsIndex reports whether the page is its folder's section page
	// (_index.md or index.md).
	IsIndex bool
	// Generated reports whether the page has no source file: the section
	// page of a folder without _index.md.
	Generated bool
	// Section is the section the page belongs to; for a section page, the
	// section it heads. NewTree sets it.
	Section *Section

	Title       string
	Description string
	Type        string
	Tags        []string
	Team        string
	Owner       string
	Reviewed    time.Time
	ReviewEvery string
	Updated     time.Time
	Draft       bool
	// NoSearch is search: false, which leaves the page out of the search
	// index.
	NoSearch bool
	Weight   int
	// Aliases are earlier URLs of the page, as written.
	Aliases []string

	// Params holds every front-matter key, known or not, decoded to plain
	// Go values, for templates.
	Params map[string]any
	// Meta is the front matter with its positions, for the decoders of
	// structured content.
	Meta FrontMatter

	// Body is the Markdown after the front matter; BodyLine is the line of
	// the source file where it starts.
	Body     []byte
	BodyLine int
}

// URLFor returns the URL of the page stored at the slash path p below
// content/, and whether that file is a section page.
//
//	_index.md       -> /
//	a/_index.md     -> /a/
//	a/index.md      -> /a/
//	a/b.md          -> /a/b/
func URLFor(p string) (url string, index bool) {
	dir, file := path.Split(p)
	name := strings.TrimSuffix(file, path.Ext(file))
	if name == "_index" || name == "index" {
		return "/" + dir, true
	}
	return "/" + dir + name + "/", false
}

// ParsePage decodes a page's front matter and common keys. It returns the
// page, even when some keys are wrong, and the problems found, each at the
// line it concerns. A page whose front matter cannot be read at all is
// returned as nil.
func ParsePage(p string, src []byte) (*Page, []error) {
	fm, body, bodyLine, err := SplitFrontMatter(src)
	if err != nil {
		return nil, []error{err}
	}
	url, index := URLFor(p)
	pg := &Page{
		Path:     p,
		File:     "content/" + p,
		URL:      url,
		IsIndex:  index,
		Type:     TypePage,
		Meta:     fm,
		Body:     body,
		BodyLine: bodyLine,
	}
	var errs []error
	pg.Params = make(map[string]any, len(fm.Map.Content)/2)
	for i := 0; i+1 < len(fm.Map.Content); i += 2 {
		k, v := fm.Map.Content[i], fm.Map.Content[i+1]
		val, err := decodeValue(v)
		if err != nil {
			errs = append(errs, Errorf(v.Line, "%s: %v", k.Value, err))
			continue
		}
		pg.Params[k.Value] = val
		if err := pg.setCommon(k.Value, v); err != nil {
			errs = append(errs, err)
		}
	}
	return pg, errs
}

// decodeValue decodes a front matter value for layouts, as yaml.v3
// decodes it into an interface{}. Strings and lists of strings, most of
// front matter, are read from the node itself: a yaml.v3 decoder for each
// costs more than the rest of the page's front matter.
func decodeValue(v *yaml.Node) (any, error) {
	switch {
	case isString(v):
		return v.Value, nil
	case v.Kind == yaml.SequenceNode && v.Tag == "!!seq" && !slices.ContainsFunc(v.Content, notString):
		l := make([]any, len(v.Content))
		for i, c := range v.Content {
			l[i] = c.Value
		}
		return l, nil
	}
	var val any
	err := v.Decode(&val)
	return val, err
}

func isString(v *yaml.Node) bool  { return v.Kind == yaml.ScalarNode && v.Tag == "!!str" }
func notString(v *yaml.Node) bool { return !isString(v) }

func (pg *Page) setCommon(key string, v *yaml.Node) error {
	var err error
	switch key {
	case "title":
		pg.Title, err = String(key, v)
	case "description":
		pg.Description, err = String(key, v)
	case "type":
		pg.Type, err = String(key, v)
		if err == nil && !slices.Contains(Types, pg.Type) {
			t := pg.Type
			pg.Type = TypePage
			return Errorf(v.Line, "type %q is not one of %s", t, strings.Join(Types, ", "))
		}
	case "tags":
		pg.Tags, err = Strings(key, v)
	case "team":
		pg.Team, err = String(key, v)
	case "owner":
		pg.Owner, err = String(key, v)
	case "reviewed":
		pg.Reviewed, err = Date(key, v)
	case "review_every":
		pg.ReviewEvery, err = String(key, v)
	case "updated":
		pg.Updated, err = Date(key, v)
	case "draft":
		pg.Draft, err = Bool(key, v)
	case "search":
		on, err := Bool(key, v)
		if err != nil {
			return Errorf(v.Line, "search: %q is not true or false: write search: false to leave the page out of search", v.Value)
		}
		pg.NoSearch = !on
	case "aliases":
		pg.Aliases, err = Strings(key, v)
	case "weight":
		pg.Weight, err = Int(key, v)
	}
	return err
}

// String decodes a scalar as text. Numbers and dates are accepted as
// written.
func String(key string, v *yaml.Node) (string, error) {
	if v.Kind != yaml.ScalarNode {
		return "", Errorf(v.Line, "%s: want a single line of text, not %s", key, describeNode(v))
	}
	if v.Tag == "!!null" {
		return "", nil
	}
	return v.Value, nil
}

// Strings decodes a list of scalars; a single scalar is a list of one.
func Strings(key string, v *yaml.Node) ([]string, error) {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" || v.Value == "" {
			return nil, nil
		}
		return []string{v.Value}, nil
	case yaml.SequenceNode:
		out := make([]string, 0, len(v.Content))
		for _, c := range v.Content {
			if c.Kind != yaml.ScalarNode {
				return nil, Errorf(c.Line, "%s: each item must be text, not %s", key, describeNode(c))
			}
			out = append(out, c.Value)
		}
		return out, nil
	}
	return nil, Errorf(v.Line, "%s: want a list such as [a, b], not %s", key, describeNode(v))
}

// Date decodes a date written as YYYY-MM-DD (or a full RFC 3339 time).
func Date(key string, v *yaml.Node) (time.Time, error) {
	if v.Kind == yaml.ScalarNode {
		if t, err := time.Parse(time.DateOnly, v.Value); err == nil {
			return t, nil
		}
		if t, err := time.Parse(time.RFC3339, v.Value); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, Errorf(v.Line, "%s: %q is not a date: write it as YYYY-MM-DD", key, v.Value)
}

// Bool decodes true or false.
func Bool(key string, v *yaml.Node) (bool, error) {
	if v.Kind == yaml.ScalarNode {
		switch v.Value {
		case "true", "True", "TRUE":
			return true, nil
		case "false", "False", "FALSE":
			return false, nil
		}
	}
	return false, Errorf(v.Line, "%s: %q is not true or false", key, v.Value)
}

// Int decodes a whole number.
func Int(key string, v *yaml.Node) (int, error) {
	if v.Kind == yaml.ScalarNode {
		if n, err := strconv.Atoi(v.Value); err == nil {
			return n, nil
		}
	}
	return 0, Errorf(v.Line, "%s: %q is not a whole number", key, v.Value)
}

// Suggest returns the known key closest to key when it is close enough to
// be a likely misspelling, or "".
func Suggest(key string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		max := 2
		if len(k) <= 4 {
			max = 1
		}
		if d := editDistance(key, k); d <= max && d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// editDistance is the Damerau–Levenshtein distance (with adjacent
// transpositions) between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// CheckKeys reports front-matter keys that look like misspellings of a
// known key. Other unknown keys are kept silently for templates.
func CheckKeys(fm FrontMatter, known []string) []error {
	var errs []error
	for _, k := range fm.Keys() {
		if slices.Contains(known, k.Value) {
			continue
		}
		if s := Suggest(k.Value, known); s != "" {
			errs = append(errs, Errorf(k.Line, "unknown key %q: did you mean %q?", k.Value, s))
		}
	}
	return errs
}

// Humanize turns a file or folder name into a title: "new-pm" -> "New pm".
func Humanize(name string) string {
	name = strings.TrimSuffix(name, path.Ext(name))
	name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	if name == "" {
		return name
	}
	r := []rune(name)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// String returns the page's source path, for debugging.
func (pg *Page) String() string { return fmt.Sprintf("page(%s)", pg.Path) }
