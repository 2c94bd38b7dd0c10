package generator

import (
	"context"
	"errors"
	"time"

	"github.com/opsdocs/opsdocs/generator/diag"
	"github.com/opsdocs/opsdocs/generator/gitdates"
)

// gitDates are the dates of the last commits of a site's files, and the
// warnings reading them gave.
type gitDates struct {
	dates map[string]time.Time
	diags []diag.Diagnostic
}

// gitDates returns the date of the last commit of each file below
// content/ when opts.GitDir is set, reading git once: a builder given the
// dates of an earlier build (as a Rebuilder does) uses them.
func (b *builder) gitDates(ctx context.Context) map[string]time.Time {
	if b.opts.GitDir == "" {
		return nil
	}
	if b.git == nil {
		b.git = readGitDates(ctx, b.opts.GitDir)
	}
	b.diags.Merge(b.git.diags)
	return b.git.dates
}

func readGitDates(ctx context.Context, dir string) *gitDates {
	var list diag.List
	dates, err := gitdates.Read(ctx, dir)
	switch {
	case errors.Is(err, gitdates.ErrShallow):
		list.Warnf("content", 0, diag.ShallowClone, "%v", err)
	case err != nil && !errors.Is(err, gitdates.ErrNotRepo):
		list.Warnf("content", 0, diag.ShallowClone, "cannot read dates from git: %v", err)
	}
	return &gitDates{dates: dates, diags: list.Sorted()}
}
