package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/opsdocs/opsdocs/generator"
	"github.com/opsdocs/opsdocs/generator/serve"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "Build the site in memory and serve it for preview, building it again and reloading the browser on every change (nothing is written to disk).", stderr)
	site := addSiteFlags(fs)
	port := fs.IntP("port", "p", 4000, "the port to listen on")
	bind := fs.String("bind", "127.0.0.1", "the address to listen on; anything but loopback exposes the preview to the network")
	open := fs.Bool("open", false, "open the preview in the default web browser")
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

	start := time.Now()
	preview := serve.NewPreview(serve.Options{
		Dir: *site.source,
		Rebuilder: generator.NewRebuilder(generator.Options{
			Site: root, BaseURL: "/", Drafts: *site.drafts, Now: day, GitDir: *site.source,
		}),
		Stdout: stdout, Stderr: stderr,
	})
	defer preview.Close()
	res, err := preview.Build(ctx)
	if ctx.Err() != nil {
		ln.Close()
		fmt.Fprintln(stdout, "stopped")
		return exitOK
	}
	report(stderr, res.Diagnostics, res.Pages)
	url := "http://" + ln.Addr().String() + "/"
	if err != nil {
		fmt.Fprintf(stderr, "opsdocs serve: %v\n", err)
		fmt.Fprintf(stdout, "the site could not be built; serving at %s a page that says so until it is fixed (Ctrl-C to stop)\n", url)
	} else {
		fmt.Fprintf(stdout, "built %d pages in %s; serving at %s (Ctrl-C to stop)\n", res.Pages, time.Since(start).Round(time.Millisecond), url)
	}

	srv := &http.Server{Handler: preview, ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(preview.Close)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	go preview.Run(ctx)
	if *open {
		openBrowser(url, stderr)
	}
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

// openBrowser opens url in the default browser. Failing is not an error:
// the address is printed anyway.
func openBrowser(url string, stderr io.Writer) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "opsdocs serve: could not open a browser (%v): open %s yourself\n", err, url)
		return
	}
	go func() {
		if err := cmd.Wait(); err != nil {
			fmt.Fprintf(stderr, "opsdocs serve: could not open a browser (%s: %v): open %s yourself\n", cmd.Path, err, url)
		}
	}()
}
