package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"

	"github.com/opsdocs/opsdocs/generator"
	"github.com/opsdocs/opsdocs/generator/output"
	"github.com/opsdocs/opsdocs/generator/serve"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "Build the site in memory and serve it for preview (nothing is written to disk).", stderr)
	site := addSiteFlags(fs)
	port := fs.IntP("port", "p", 4000, "the port to listen on")
	bind := fs.String("bind", "127.0.0.1", "the address to listen on; anything but loopback exposes the preview to the network")
	if ok, code := parseFlags(fs, args, stderr); !ok {
		return code
	}
	root, day, err := site.open()
	if err != nil {
		fmt.Fprintf(stderr, "opsdocs serve: %v\n", err)
		return exitUsage
	}
	defer root.Close()

	addr := net.JoinHostPort(*bind, strconv.Itoa(*port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			fmt.Fprintf(stderr, "opsdocs serve: port %d is in use: pass --port with another number\n", *port)
		} else {
			fmt.Fprintf(stderr, "opsdocs serve: %v\n", err)
		}
		return exitUsage
	}
	if ip := net.ParseIP(*bind); ip == nil || !ip.IsLoopback() {
		fmt.Fprintf(stderr, "opsdocs serve: warning: listening on %s makes the preview reachable from other machines\n", *bind)
	}

	mem := output.NewMemory()
	start := time.Now()
	res, err := generator.Build(ctx, generator.Options{
		Site: root.FS(), Output: mem, BaseURL: "/", Drafts: *site.drafts, Now: day,
	})
	report(stderr, res.Diagnostics, res.Pages)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "opsdocs serve: %v\n", err)
		return exitContent
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(stdout, "built %d pages in %s; serving at %s (Ctrl-C to stop)\n", res.Pages, time.Since(start).Round(time.Millisecond), url)

	srv := &http.Server{Handler: serve.NewHandler(mem), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		fmt.Fprintf(stderr, "opsdocs serve: %v\n", err)
		return exitContent
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(shutdown)
	fmt.Fprintln(stdout, "stopped")
	return exitOK
}
