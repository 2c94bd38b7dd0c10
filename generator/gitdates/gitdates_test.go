package gitdates

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// repo makes a git repository holding a site in site/, with two commits
// at known dates, and returns its folder.
func repo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("these tests need git")
	}
	dir := t.TempDir()
	run := func(date string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date,
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("", "init", "-q")
	write("site/content/a/one.md", "one")
	write("site/content/two words.md", "two")
	write("site/README.md", "not content")
	run("2026-01-02T10:00:00Z", "add", ".")
	run("2026-01-02T10:00:00Z", "commit", "-qm", "first")
	write("site/content/two words.md", "two, changed")
	write("site/README.md", "changed, not content")
	run("2026-03-04T10:00:00Z", "commit", "-qam", "second")
	write("site/content/a/one.md", "uncommitted")
	return dir
}

func TestRead(t *testing.T) {
	dir := repo(t)
	dates, err := Read(context.Background(), filepath.Join(dir, "site"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a/one.md": "2026-01-02", "two words.md": "2026-03-04"}
	if len(dates) != len(want) {
		t.Errorf("dates for %d files, want %d: %v", len(dates), len(want), dates)
	}
	for name, day := range want {
		if got := dates[name].Format(time.DateOnly); got != day {
			t.Errorf("%s: %s, want %s", name, got, day)
		}
	}
}

func TestShallow(t *testing.T) {
	dir := repo(t)
	clone := filepath.Join(t.TempDir(), "clone")
	if out, err := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+dir, clone).CombinedOutput(); err != nil {
		t.Fatalf("clone: %v\n%s", err, out)
	}
	if _, err := Read(context.Background(), filepath.Join(clone, "site")); !errors.Is(err, ErrShallow) {
		t.Errorf("shallow clone: %v, want ErrShallow", err)
	}
}

func TestNotRepo(t *testing.T) {
	if _, err := Read(context.Background(), t.TempDir()); !errors.Is(err, ErrNotRepo) {
		t.Errorf("plain folder: %v, want ErrNotRepo", err)
	}
}
