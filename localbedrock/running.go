package localbedrock

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// DefaultAddr is where Start listens when given no address: a free port
// on the loopback interface.
const DefaultAddr = "127.0.0.1:0"

// shutdownGrace bounds how long Close waits for requests in flight.
const shutdownGrace = 5 * time.Second

// Running is a server listening on a TCP address, started by Start.
type Running struct {
	server *Server
	http   *http.Server
	ln     net.Listener
	done   chan error

	closeOnce sync.Once
	closeErr  error
}

// Start listens on addr (DefaultAddr when empty) and serves a New(opts)
// server in a goroutine until Close.
func Start(addr string, opts Options) (*Running, error) {
	if err := opts.Faults.Validate(); err != nil {
		return nil, fmt.Errorf("start emulator: %w", err)
	}
	if addr == "" {
		addr = DefaultAddr
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("start emulator: %w", err)
	}
	s := New(opts)
	r := &Running{
		server: s,
		http:   &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second},
		ln:     ln,
		done:   make(chan error, 1),
	}
	go func() { r.done <- r.http.Serve(ln) }()
	return r, nil
}

// Addr is the address the server listens on, such as "127.0.0.1:53211".
func (r *Running) Addr() string { return r.ln.Addr().String() }

// URL is the server's base URL, to use as a client's endpoint.
func (r *Running) URL() string { return "http://" + r.Addr() }

// Server returns the running emulator, for Simulate.
func (r *Running) Server() *Server { return r.server }

// Close stops accepting connections and waits up to five seconds for
// requests in flight, then closes what is left. Later calls return the
// first call's result.
func (r *Running) Close() error {
	r.closeOnce.Do(func() { r.closeErr = r.shutdown() })
	return r.closeErr
}

func (r *Running) shutdown() error {
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err := r.http.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = r.http.Close()
	}
	if serveErr := <-r.done; !errors.Is(serveErr, http.ErrServerClosed) && err == nil {
		err = serveErr
	}
	if err != nil {
		return fmt.Errorf("close emulator: %w", err)
	}
	return nil
}
