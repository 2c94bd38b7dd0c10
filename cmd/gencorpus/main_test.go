package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-pages", "30", "-out", out, "-seed", "4"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "wrote 30 pages") {
		t.Errorf("stdout: %s", stdout.String())
	}
	if _, err := os.Stat(filepath.Join(out, "content", "_index.md")); err != nil {
		t.Error(err)
	}
	// The folder is not empty any more: a second run refuses it.
	if code := run([]string{"-pages", "30", "-out", out}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "is not empty") {
		t.Errorf("second run: exit %d, stderr %q", code, stderr.String())
	}
	if code := run([]string{"-pages", "30"}, &stdout, &stderr); code != 2 {
		t.Errorf("without -out: exit %d", code)
	}
}
