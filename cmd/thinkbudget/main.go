// Command thinkbudget sweeps Claude's thinking budget on a prompt, runs
// the thinking-budget lesson's experiments, and serves the built-in
// Bedrock emulator. Run "thinkbudget help" for the subcommands.
//
// Exit codes: 0 success, 1 a run that failed, 2 a usage error (bad flag,
// bad value, unreadable input, unwritable output), 130 interrupted.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/thinkbudget/thinkbudget/claudeutils"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 130
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns its exit code. Interrupts
// (Ctrl-C, SIGTERM) cancel the context: no new calls start, and what
// finished is kept.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	root := newRootCommand(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "thinkbudget:", err)
	if h := hint(err); h != "" {
		fmt.Fprintln(stderr, "hint:", h)
	}
	switch {
	case isUsage(err):
		fmt.Fprintln(stderr, "Run 'thinkbudget help' for usage.")
		return exitUsage
	case ctx.Err() != nil:
		return exitInterrupted
	}
	return exitFailure
}

// hint returns advice for errors whose cause hides deep in the message,
// or "" when there is none.
func hint(err error) string {
	if errors.Is(err, claudeutils.ErrNoCredentials) {
		return "or leave out --backend to run offline on the built-in emulator"
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		addr := "the backend"
		if op.Addr != nil {
			addr = op.Addr.String()
		}
		return fmt.Sprintf("could not connect to %s: check the network, --endpoint or --region, "+
			"or start the emulator with 'thinkbudget serve'", addr)
	}
	return ""
}

func newRootCommand(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "thinkbudget",
		Short: "Choose how much extended thinking Claude gets, on Amazon Bedrock or its built-in emulator",
		Long: `thinkbudget measures what extended thinking costs and buys on Claude:
time, tokens and dollars against the thinking budget. It runs offline on
a built-in Bedrock emulator by default (numbers are simulated), or
against Amazon Bedrock with --backend bedrock and your AWS credentials.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// A bare "thinkbudget" prints help; an unknown word is a usage
		// error.
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageErr(err) })
	root.AddCommand(
		newSweepCommand(),
		newLessonCommand(),
		newAllocateCommand(),
		newCaseStudyCommand(),
		newServeCommand(),
	)
	for _, c := range root.Commands() {
		c.Args = wrapArgs(c.Args)
	}
	root.Args = wrapArgs(root.Args)
	return root
}

// usageError marks an error as the caller's: a bad flag or value. It maps
// to exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usageErr wraps err as a usage error.
func usageErr(err error) error { return usageError{err} }

// usagef formats a usage error.
func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u) || isCobraUsage(err)
}

// isCobraUsage recognises the errors cobra returns for an unknown command
// before any of ours runs.
func isCobraUsage(err error) bool {
	msg := err.Error()
	return len(msg) > 16 && msg[:16] == "unknown command "
}

// wrapArgs makes positional-argument errors usage errors.
func wrapArgs(f cobra.PositionalArgs) cobra.PositionalArgs {
	if f == nil {
		f = cobra.NoArgs
	}
	return func(cmd *cobra.Command, args []string) error {
		if err := f(cmd, args); err != nil {
			return usageErr(err)
		}
		return nil
	}
}
