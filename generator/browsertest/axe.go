package browsertest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeDir is where "make test-deps" installs axe-core (npm ci with the
// package.json and package-lock.json of this folder), relative to the
// package's folder, where "go test" runs its tests.
const axeDir = "node_modules/axe-core"

// Axe is the source of axe-core, the accessibility checker that the tests
// inject into pages.
type Axe struct {
	Version string
	source  string
}

// LoadAxe reads axe-core as "make test-deps" installs it, and checks that
// it is the version package.json pins. Without it the test fails, saying
// how to install it; only "go test -short" skips instead.
func LoadAxe(t testing.TB) *Axe {
	t.Helper()
	want, err := pinnedVersion("package.json", "axe-core")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(axeDir, "axe.min.js"))
	if err != nil {
		if testing.Short() {
			t.Skipf("axe-core is not installed (run \"make test-deps\"); skipped in -short mode")
		}
		t.Fatalf("axe-core is not installed: run \"make test-deps\" (npm ci --prefix generator/browsertest): %v", err)
	}
	got, err := pinnedVersion(filepath.Join(axeDir, "package.json"), "")
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("axe-core %s is installed, package.json pins %s: run \"make test-deps\"", got, want)
	}
	return &Axe{Version: got, source: string(src)}
}

// pinnedVersion reads the version of dep from the devDependencies of a
// package.json, or the package's own version when dep is empty.
func pinnedVersion(file, dep string) (string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	var pkg struct {
		Version string
		Dev     map[string]string `json:"devDependencies"`
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		return "", fmt.Errorf("%s: %w", file, err)
	}
	if dep == "" {
		return pkg.Version, nil
	}
	v, ok := pkg.Dev[dep]
	if !ok {
		return "", fmt.Errorf("%s: no devDependency %s", file, dep)
	}
	return v, nil
}

// AxeViolation is one rule axe-core found broken on a page, with the
// elements that break it.
type AxeViolation struct {
	ID, Impact, Help string
	Nodes            []AxeNode
}

// AxeNode is one element that breaks a rule: its CSS selector (a list
// when the element is inside frames or shadow roots) and what is wrong.
type AxeNode struct {
	Target  []string
	Summary string
}

func (v AxeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for i, n := range v.Nodes {
		if i == 5 {
			fmt.Fprintf(&b, "\n\t\t… and %d more", len(v.Nodes)-i)
			break
		}
		fmt.Fprintf(&b, "\n\t\t%s: %s", strings.Join(n.Target, " "), strings.ReplaceAll(n.Summary, "\n", " "))
	}
	return b.String()
}

// AxeTags are the rule sets the tests run: WCAG 2.0 A and AA, and the
// additions of WCAG 2.1 AA.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21aa"}

// AxeColourRules are the rules of AxeTags whose outcome depends on the
// colours of the page, and on nothing else that a change of colour
// scheme can change.
var AxeColourRules = []string{"color-contrast", "link-in-text-block"}

// Check injects axe-core into the page open in b (unless it is there
// already), runs the rules tagged AxeTags, or only the rules named, and
// returns the violations whose impact is serious or critical.
func (a *Axe) Check(t testing.TB, b *Browser, rules ...string) []AxeViolation {
	t.Helper()
	// Evaluated through the DevTools protocol, the source is not subject
	// to the page's Content-Security-Policy.
	if !Eval[bool](t, b, `typeof axe === "object"`) {
		if err := chromedp.Do(b.Ctx, chromedp.Evaluate[chromedp.Void](a.source)); err != nil {
			t.Fatalf("injecting axe-core: %v", err)
		}
	}
	only, _ := json.Marshal(map[string]any{"type": "tag", "values": AxeTags})
	if len(rules) == 1 && rules[0] == "NOCOLOUR" {
		only, _ = json.Marshal(map[string]any{"type": "tag", "values": AxeTags})
		rs := map[string]any{"color-contrast": map[string]bool{"enabled": false}, "link-in-text-block": map[string]bool{"enabled": false}}
		r, _ := json.Marshal(rs)
		only = []byte(string(only) + ", rules: " + string(r))
	} else if len(rules) > 0 {
		only, _ = json.Marshal(map[string]any{"type": "rule", "values": rules})
	}
	vs, err := chromedp.Run(b.Ctx, chromedp.Evaluate[[]AxeViolation](`axe.run(document, {
		runOnly: `+string(only)+`,
		resultTypes: ["violations"],
	}).then(r => r.violations
		.filter(v => v.impact === "serious" || v.impact === "critical")
		.map(v => ({
			id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.map(n => ({target: n.target.map(String), summary: n.failureSummary || ""})),
		})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	return vs
}
