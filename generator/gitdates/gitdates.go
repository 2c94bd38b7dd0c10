// Package gitdates reads, for every file of a site kept in git, the date
// of the last commit that touched it, in one pass over the history: one
// git process for the whole site, not one per file.
//
// A shallow clone has lost the history that would date most files, so
// its dates would be wrong: Read reports it instead of returning them.
package gitdates

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// ErrShallow is returned for a site in a shallow clone.
var ErrShallow = errors.New("the site is in a shallow git clone, so the dates of the last changes would be wrong: fetch the whole history (with actions/checkout, set fetch-depth: 0)")

// ErrNotRepo is returned for a site that is not in a git work tree, or
// when git is not installed.
var ErrNotRepo = errors.New("not in a git work tree")

// Read returns the date of the last commit touching each file below
// dir/content, keyed by its path below content/ ("playbooks/a.md"). Files
// with uncommitted changes keep the date of their last commit.
func Read(ctx context.Context, dir string) (map[string]time.Time, error) {
	prefix, err := git(ctx, dir, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--show-prefix")
	if err != nil {
		return nil, ErrNotRepo
	}
	lines := strings.Split(strings.TrimRight(string(prefix), "\n"), "\n")
	if len(lines) < 2 || lines[0] != "true" {
		return nil, ErrNotRepo
	}
	if lines[1] == "true" {
		return nil, ErrShallow
	}
	root := "content/"
	if len(lines) > 2 {
		root = lines[2] + "content/"
	}
	// Newest first: the first date seen for a file is its last change.
	out, err := git(ctx, dir, "log", "--format=%x00%ct", "--name-only", "--no-renames", "-z", "--", "content")
	if err != nil {
		return nil, err
	}
	dates := map[string]time.Time{}
	var when time.Time
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	sc.Split(splitNUL)
	expectDate := false
	for sc.Scan() {
		tok := strings.TrimLeft(sc.Text(), "\n")
		if tok == "" {
			expectDate = true
			continue
		}
		if expectDate {
			sec, err := strconv.ParseInt(strings.TrimSpace(tok), 10, 64)
			if err != nil {
				return nil, fmt.Errorf("git log: unexpected output %q", tok)
			}
			when = time.Unix(sec, 0).UTC()
			expectDate = false
			continue
		}
		name, ok := strings.CutPrefix(tok, root)
		if !ok {
			continue
		}
		if _, seen := dates[name]; !seen {
			dates[name] = when
		}
	}
	return dates, sc.Err()
}

func splitNUL(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
