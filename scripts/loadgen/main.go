// Command loadgen measures how many Converse calls per second the
// localbedrock emulator answers on loopback, and at what latency. It
// sends one fixed request (the lesson's production-planning prompt at a
// 1,024-token budget) from a number of workers over keep-alive
// connections until a call count or a duration is reached, whichever
// comes first, and prints calls/s and the 50th and 99th percentile
// latencies.
//
// With -url it loads a running emulator, such as "thinkbudget serve", on
// a loopback address only; without it, it starts one in-process, which
// then shares the CPU with the load.
//
//	go run ./scripts/loadgen -workers 16 -calls 20000 -duration 10s
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/thinkbudget/thinkbudget/claudeutils"
	"github.com/thinkbudget/thinkbudget/lesson"
	"github.com/thinkbudget/thinkbudget/localbedrock"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run() error {
	target := flag.String("url", "", "emulator base URL on a loopback address (default: start one in-process)")
	workers := flag.Int("workers", 16, "concurrent workers, each with its own keep-alive connection")
	calls := flag.Int("calls", 20000, "stop after this many calls")
	duration := flag.Duration("duration", 10*time.Second, "stop after this long")
	stream := flag.Bool("stream", false, "call ConverseStream instead of Converse")
	flag.Parse()
	if *workers < 1 || *calls < 1 || *duration <= 0 {
		return errors.New("-workers, -calls and -duration must be positive")
	}

	base := *target
	where := "in-process"
	if base == "" {
		emu, err := localbedrock.Start("", localbedrock.Options{Seed: 1})
		if err != nil {
			return err
		}
		defer emu.Close()
		base = emu.URL()
	} else {
		where = "separate process"
		if err := checkLoopback(base); err != nil {
			return err
		}
	}

	op := "converse"
	if *stream {
		op = "converse-stream"
	}
	endpoint := base + "/model/" + url.PathEscape(claudeutils.DefaultModelID) + "/" + op
	body, err := json.Marshal(map[string]any{
		"messages":        []any{map[string]any{"role": "user", "content": []any{map[string]any{"text": lesson.ProductionPlanning}}}},
		"system":          []any{map[string]any{"text": claudeutils.DefaultSystemPrompt}},
		"inferenceConfig": map[string]any{"maxTokens": 5120},
		"additionalModelRequestFields": map[string]any{
			"thinking": map[string]any{"type": "enabled", "budget_tokens": 1024},
		},
	})
	if err != nil {
		return err
	}

	client := &http.Client{Transport: &http.Transport{
		MaxIdleConns: *workers, MaxIdleConnsPerHost: *workers, IdleConnTimeout: time.Minute,
	}}
	ctx, cancel := context.WithTimeout(context.Background(), *duration)
	defer cancel()

	var (
		sent      atomic.Int64
		failures  atomic.Int64
		firstErr  atomic.Value
		mu        sync.Mutex
		latencies = make([]time.Duration, 0, *calls)
		wg        sync.WaitGroup
	)
	start := time.Now()
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := make([]time.Duration, 0, *calls / *workers + 1)
			for ctx.Err() == nil && sent.Add(1) <= int64(*calls) {
				t0 := time.Now()
				if err := call(ctx, client, endpoint, body); err != nil {
					if ctx.Err() != nil {
						break
					}
					failures.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)

	if len(latencies) == 0 {
		return fmt.Errorf("no call succeeded (first error: %v)", firstErr.Load())
	}
	slices.Sort(latencies)
	pct := func(p float64) time.Duration { return latencies[int(p*float64(len(latencies)-1))] }
	fmt.Printf("loadgen: %s emulator at %s, %s, %d workers\n", where, base, op, *workers)
	fmt.Printf("calls=%d failures=%d seconds=%.2f calls_per_s=%.0f p50_ms=%.3f p99_ms=%.3f\n",
		len(latencies), failures.Load(), elapsed.Seconds(), float64(len(latencies))/elapsed.Seconds(),
		ms(pct(0.50)), ms(pct(0.99)))
	if failures.Load() > 0 {
		return fmt.Errorf("%d calls failed; first: %v", failures.Load(), firstErr.Load())
	}
	return nil
}

// call sends one request and reads the whole response.
func call(ctx context.Context, client *http.Client, endpoint string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return nil
}

// checkLoopback refuses a URL whose host is not a loopback address: the
// load is meant for this machine only.
func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("-url %q: %w", raw, err)
	}
	ip := net.ParseIP(u.Hostname())
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-url %q: host must be a loopback IP address such as 127.0.0.1", raw)
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
