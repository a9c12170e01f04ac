package nbdisplay

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// modulePath is the path of this repository's module.
const modulePath = "github.com/thinkbudget/thinkbudget"

// CheckSetup reports whether the running program was built the way the
// notebooks' setup cell arranges it: with this repository's module as a
// dependency replaced by a local folder. On success it returns the line
//
//	setup ok: github.com/thinkbudget/thinkbudget => DIR
//
// where DIR is that folder. It returns an error when the module is missing
// from the build, was fetched from a module proxy, is the main module (a
// plain `go test` or `go run` in the repository), or the program carries no
// build information.
func CheckSetup() (string, error) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "", errors.New("nbdisplay: program has no build information")
	}
	return checkSetup(info)
}

// checkSetup is CheckSetup on given build information.
func checkSetup(info *debug.BuildInfo) (string, error) {
	if info.Main.Path == modulePath {
		return "", fmt.Errorf("nbdisplay: %s is the main module; "+
			"the notebook setup cell makes it a dependency", modulePath)
	}
	for _, dep := range info.Deps {
		if dep.Path != modulePath {
			continue
		}
		switch {
		case dep.Replace == nil:
			return "", fmt.Errorf("nbdisplay: %s %s comes from a module proxy, "+
				"not the local checkout; run the notebook setup cell", modulePath, dep.Version)
		case !isDir(dep.Replace.Path):
			return "", fmt.Errorf("nbdisplay: %s is replaced by module %s, not a local folder",
				modulePath, dep.Replace.Path)
		}
		return fmt.Sprintf("setup ok: %s => %s", modulePath, dep.Replace.Path), nil
	}
	return "", fmt.Errorf("nbdisplay: %s is not in this build; "+
		"run the notebook setup cell", modulePath)
}

// isDir reports whether the target of a replace directive is a folder rather
// than a module path, by the rule that go.mod files follow: a folder is an
// absolute path or starts with ./ or ../.
func isDir(target string) bool {
	return filepath.IsAbs(target) ||
		strings.HasPrefix(target, "./") || strings.HasPrefix(target, "../")
}
