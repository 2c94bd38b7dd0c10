package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/opsdocs/opsdocs/generator/markdown"
)

// An asset is a theme file published under /assets/ with a name that
// carries a hash of its content, so that browsers may cache it for ever:
// style.css -> /assets/style.1a2b3c4d5e.css.
type asset struct {
	name string // as given in assets/
	out  string // output path, "assets/style.1a2b3c4d5e.css"
	data []byte
}

// loadAssets reads every asset of fsys (the site's assets over the
// theme's) and adds chroma.css, the style sheet of highlighted code,
// unless the site provides its own.
func loadAssets(fsys fs.FS) (map[string]*asset, error) {
	assets := map[string]*asset{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && content.Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		assets[p] = newAsset(p, data)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if _, ok := assets["chroma.css"]; !ok {
		css, err := markdown.ChromaCSS("github", "github-dark")
		if err != nil {
			return nil, err
		}
		assets["chroma.css"] = newAsset("chroma.css", css)
	}
	return assets, nil
}

func newAsset(name string, data []byte) *asset {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	out := "assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
	return &asset{name: name, out: out, data: data}
}

func assetURL(assets map[string]*asset, base string) func(string) (string, error) {
	return func(name string) (string, error) {
		a, ok := assets[name]
		if !ok {
			return "", fmt.Errorf("no asset %q in assets/", name)
		}
		return base + "/" + a.out, nil
	}
}
