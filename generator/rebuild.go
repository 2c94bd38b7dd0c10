package generator

import (
	"context"

	"github.com/opsdocs/opsdocs/generator/output"
)

// A Rebuilder builds a site again each time its files change, for the
// preview server. Each call returns a complete site in a new
// output.Memory, so the previous one can go on being served while the next
// is built, and be kept when the new one has errors.
//
// A Rebuilder is not safe for concurrent use: calls to Rebuild are made
// one after the other.
type Rebuilder struct {
	opts Options
}

// NewRebuilder returns a Rebuilder of the site described by opts. Its
// Output is ignored: every build goes to memory.
func NewRebuilder(opts Options) *Rebuilder {
	opts.Output = nil
	return &Rebuilder{opts: opts}
}

// Rebuild builds the site and returns the result with the files built.
// changed lists what changed since the previous call, as slash-separated
// paths from the site's root (content/playbooks/triage.md, layouts/page.html,
// opsdocs.yaml); a folder stands for everything below it, and a path that
// no longer exists was removed. nil means everything, as on the first
// call.
//
// The site is built in full whatever changed: changed is the seam for
// rebuilding only the pages that depend on the changed files. Errors are
// those of Build; the files are nil when the error is not.
func (r *Rebuilder) Rebuild(ctx context.Context, changed []string) (*Result, *output.Memory, error) {
	mem := output.NewMemory()
	opts := r.opts
	opts.Output = mem
	res, err := Build(ctx, opts)
	if err != nil {
		return res, nil, err
	}
	return res, mem, nil
}
