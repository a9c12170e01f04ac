package main

import (
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/thinkbudget/thinkbudget/localbedrock"
)

type serveFlags struct {
	addr           string
	seed           int64
	timeScale      float64
	faults         string
	allowRemote    bool
	replay         string
	replayFallback bool
}

func newServeCommand() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the built-in Bedrock emulator for any Bedrock client",
		Long: `serve runs the built-in Bedrock emulator until interrupted. It speaks
Bedrock's wire protocol (Converse, ConverseStream, ListFoundationModels,
GetFoundationModel), so boto3, the AWS CLI or any AWS SDK can use it by
setting the endpoint URL, with any credentials. Its answers are simulated.

With --replay DIR it answers Converse and ConverseStream from the
responses recorded in DIR (by sweep, lesson or case-study with --cache rw),
keyed as those commands key their calls; a request without a recording
gets a 400 ValidationException naming its key, or, with
--replay-fallback, a simulated answer.

It listens on 127.0.0.1 only, unless --allow-remote is given.`,
		RunE: func(cmd *cobra.Command, _ []string) error { return runServe(cmd, &f) },
	}
	fs := cmd.Flags()
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8787", "address to listen on")
	fs.Int64Var(&f.seed, "seed", 1, "simulation seed: the same seed gives the same answers")
	fs.Float64Var(&f.timeScale, "time-scale", 0, "sleep this fraction of each call's simulated latency (0: answer at once)")
	fs.StringVar(&f.faults, "faults", "",
		"inject faults, each a probability per call: throttle=0.3,5xx=0.1,timeout=0.05,stream=0.05,drop=0.05")
	fs.BoolVar(&f.allowRemote, "allow-remote", false, "allow listening on a non-loopback address")
	fs.StringVar(&f.replay, "replay", "", "answer from the responses recorded in this folder (as --cache rw writes them)")
	fs.BoolVar(&f.replayFallback, "replay-fallback", false, "with --replay: simulate what has no recording instead of refusing it")
	return cmd
}

func runServe(cmd *cobra.Command, f *serveFlags) error {
	if f.timeScale < 0 || !finite(f.timeScale) {
		return usagef("--time-scale %v: must be a finite number, 0 or more", f.timeScale)
	}
	if err := checkListenAddr(f.addr, f.allowRemote); err != nil {
		return err
	}
	faults, err := localbedrock.ParseFaults(f.faults)
	if err != nil {
		return usagef("--faults: %v", err)
	}
	if f.replayFallback && f.replay == "" {
		return usagef("--replay-fallback needs --replay DIR")
	}
	opts := localbedrock.Options{Seed: f.seed, TimeScale: f.timeScale, Faults: faults}
	if f.replay != "" {
		if opts, err = localbedrock.WithReplay(opts, f.replay, f.replayFallback); err != nil {
			return usagef("--replay: %v", err)
		}
	}
	run, err := localbedrock.Start(f.addr, opts)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", f.addr, err)
	}
	defer run.Close()
	w := cmd.ErrOrStderr()
	fmt.Fprintf(w, "localbedrock: simulated Bedrock at %s (seed %d, time scale %g)\n", run.URL(), f.seed, f.timeScale)
	if f.replay != "" {
		miss := "refused with a ValidationException"
		if f.replayFallback {
			miss = "simulated"
		}
		fmt.Fprintf(w, "  replaying the responses recorded in %s; requests without one are %s\n", f.replay, miss)
	}
	fmt.Fprintf(w, "  Go:    bedrockruntime.Options{BaseEndpoint: aws.String(%q)}\n", run.URL())
	fmt.Fprintf(w, "  boto3: boto3.client('bedrock-runtime', endpoint_url='%s', region_name='us-west-2')\n", run.URL())
	fmt.Fprintf(w, "  CLI:   aws bedrock list-foundation-models --endpoint-url %s\n", run.URL())
	fmt.Fprintln(w, "Interrupt (Ctrl-C) to stop.")
	<-cmd.Context().Done()
	fmt.Fprintln(w, "localbedrock: stopping")
	return nil
}

// checkListenAddr refuses a listen address off the loopback interface
// unless allowed: the emulator has no authentication.
func checkListenAddr(addr string, allowRemote bool) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return usagef("--addr %q: want host:port, e.g. 127.0.0.1:8787", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return usagef("--addr %q: port must be a number from 0 to 65535", addr)
	}
	if allowRemote {
		return nil
	}
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return usagef("--addr %q is not a loopback address; the emulator has no authentication, so add --allow-remote to listen there", addr)
	}
	return nil
}
