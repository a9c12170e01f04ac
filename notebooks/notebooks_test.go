package notebooks

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// requireEnv names the environment variable that turns a missing notebook
// toolchain from a skip into a failure. CI sets it to 1.
const requireEnv = "THINKBUDGET_REQUIRE_NOTEBOOKS"

// setupPrefix starts the line that the setup cell prints from Go; the
// repository's folder follows it.
const setupPrefix = "setup ok: github.com/thinkbudget/thinkbudget => "

// notebook is the part of an nbformat 4 file that the tests read.
type notebook struct {
	Cells    []cell `json:"cells"`
	NBFormat int    `json:"nbformat"`
	Metadata struct {
		Kernelspec struct {
			Name string `json:"name"`
		} `json:"kernelspec"`
	} `json:"metadata"`
}

// cell is one notebook cell. ExecutionCount stays raw to tell null from 0.
type cell struct {
	CellType       string                     `json:"cell_type"`
	Source         text                       `json:"source"`
	Metadata       map[string]json.RawMessage `json:"metadata"`
	ExecutionCount json.RawMessage            `json:"execution_count"`
	Outputs        []output                   `json:"outputs"`
}

// output is one output of a code cell.
type output struct {
	OutputType string                     `json:"output_type"`
	Name       string                     `json:"name"` // stream name
	Text       text                       `json:"text"`
	Data       map[string]json.RawMessage `json:"data"`
	EName      string                     `json:"ename"`
	EValue     string                     `json:"evalue"`
	Traceback  []string                   `json:"traceback"`
}

// text is a multiline nbformat string, stored either as one string or as a
// list of lines.
type text string

// UnmarshalJSON accepts both forms of a multiline string.
func (t *text) UnmarshalJSON(b []byte) error {
	var lines []string
	if err := json.Unmarshal(b, &lines); err == nil {
		*t = text(strings.Join(lines, ""))
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*t = text(s)
	return nil
}

// readNotebook parses the notebook file at path.
func readNotebook(path string) (notebook, error) {
	var nb notebook
	b, err := os.ReadFile(path)
	if err != nil {
		return nb, err
	}
	if err := json.Unmarshal(b, &nb); err != nil {
		return nb, fmt.Errorf("parse %s: %w", path, err)
	}
	return nb, nil
}

// codeCells returns the code cells of nb in order.
func (nb notebook) codeCells() []cell {
	var cells []cell
	for _, c := range nb.Cells {
		if c.CellType == "code" {
			cells = append(cells, c)
		}
	}
	return cells
}

// notebookPaths returns the notebooks of this folder, sorted.
func notebookPaths(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob("*.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no *.ipynb in the notebooks folder")
	}
	slices.Sort(paths)
	return paths
}

// Ensure the committed notebooks carry no outputs and use the GoNB kernel.
func TestNotebooks_Committed(t *testing.T) {
	for _, path := range notebookPaths(t) {
		t.Run(path, func(t *testing.T) {
			nb, err := readNotebook(path)
			if err != nil {
				t.Fatal(err)
			}
			if nb.NBFormat != 4 {
				t.Errorf("nbformat = %d, want 4", nb.NBFormat)
			}
			if got := nb.Metadata.Kernelspec.Name; got != "gonb" {
				t.Errorf("kernelspec name = %q, want gonb", got)
			}
			for i, c := range nb.Cells {
				if c.CellType != "code" {
					continue
				}
				if len(c.Outputs) > 0 {
					t.Errorf("cell %d has %d outputs", i, len(c.Outputs))
				}
				if string(c.ExecutionCount) != "null" {
					t.Errorf("cell %d: execution_count = %s, want null", i, c.ExecutionCount)
				}
				if _, ok := c.Metadata["execution"]; ok {
					t.Errorf("cell %d: metadata holds run timestamps", i)
				}
			}
			if t.Failed() {
				t.Log("clear the notebook with the command in notebooks/README.md")
			}
		})
	}
}

// Ensure every notebook has a Japanese twin with the same code cells.
func TestNotebooks_JapaneseTwins(t *testing.T) {
	paths := notebookPaths(t)
	for _, path := range paths {
		if strings.HasSuffix(path, "_ja.ipynb") {
			en := strings.TrimSuffix(path, "_ja.ipynb") + ".ipynb"
			if !slices.Contains(paths, en) {
				t.Errorf("%s has no English twin %s", path, en)
			}
			continue
		}
		t.Run(path, func(t *testing.T) {
			ja := strings.TrimSuffix(path, ".ipynb") + "_ja.ipynb"
			if !slices.Contains(paths, ja) {
				t.Fatalf("no Japanese twin %s", ja)
			}
			enNB, err := readNotebook(path)
			if err != nil {
				t.Fatal(err)
			}
			jaNB, err := readNotebook(ja)
			if err != nil {
				t.Fatal(err)
			}
			enCells, jaCells := enNB.codeCells(), jaNB.codeCells()
			if len(enCells) != len(jaCells) {
				t.Fatalf("%d code cells, %s has %d", len(enCells), ja, len(jaCells))
			}
			for i := range enCells {
				if enCells[i].Source != jaCells[i].Source {
					t.Errorf("code cell %d differs from the one in %s", i, ja)
				}
			}
		})
	}
}

// pinPattern matches a module@version argument in the setup cell.
var pinPattern = regexp.MustCompile(`([\w.~/-]+)@(v[\w.+-]+)`)

// Ensure every notebook starts with the setup cell of 00_smoke.ipynb, that
// README.md shows that cell, and that its pins agree with go.mod.
func TestNotebooks_SetupCell(t *testing.T) {
	smoke, err := readNotebook("00_smoke.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	want := smoke.Cells[0].Source
	if !strings.Contains(string(want), "nbdisplay.CheckSetup()") {
		t.Fatal("the first cell of 00_smoke.ipynb does not call nbdisplay.CheckSetup")
	}

	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), string(want)) {
		t.Error("README.md does not show the setup cell of 00_smoke.ipynb")
	}

	for _, path := range notebookPaths(t) {
		nb, err := readNotebook(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(nb.Cells) == 0 || nb.Cells[0].CellType != "code" || nb.Cells[0].Source != want {
			t.Errorf("%s does not start with the setup cell of 00_smoke.ipynb", path)
		}
	}

	required, err := goModVersions(filepath.Join("..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range pinPattern.FindAllStringSubmatch(string(want), -1) {
		mod, version := m[1], m[2]
		if mod == "github.com/thinkbudget/thinkbudget" {
			continue
		}
		if got, ok := required[mod]; !ok {
			t.Errorf("setup cell pins %s@%s, which go.mod does not require", mod, version)
		} else if got != version {
			t.Errorf("setup cell pins %s@%s, go.mod requires %s", mod, version, got)
		}
	}
}

// goModVersions returns the required version of each module in the go.mod
// file at path.
func goModVersions(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	versions := make(map[string]string)
	inBlock := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "//")
		fields := strings.Fields(line)
		switch {
		case len(fields) == 2 && fields[0] == "require" && fields[1] == "(":
			inBlock = true
		case inBlock && len(fields) == 1 && fields[0] == ")":
			inBlock = false
		case inBlock && len(fields) == 2:
			versions[fields[0]] = fields[1]
		case len(fields) == 3 && fields[0] == "require":
			versions[fields[1]] = fields[2]
		}
	}
	return versions, sc.Err()
}

// toolchain returns the path of jupyter, or skips the test (fails it when
// requireEnv is 1) if jupyter, gonb, goimports or GoNB's kernel spec is
// missing.
func toolchain(t *testing.T) string {
	t.Helper()
	missing := func(what string) {
		t.Helper()
		msg := what + "; install the toolchain with scripts/notebooks-setup.sh " +
			`and put "$(go env GOPATH)/bin" on PATH`
		if os.Getenv(requireEnv) == "1" {
			t.Fatalf("%s (%s=1)", msg, requireEnv)
		}
		t.Skipf("%s; set %s=1 to fail instead of skipping", msg, requireEnv)
	}
	jupyter, err := exec.LookPath("jupyter")
	if err != nil {
		missing("jupyter is not on PATH")
	}
	for _, tool := range []string{"gonb", "goimports"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing(tool + " is not on PATH")
		}
	}
	out, err := exec.Command(jupyter, "kernelspec", "list", "--json").Output()
	if err != nil {
		missing(fmt.Sprintf("jupyter kernelspec list: %v", err))
	}
	var specs struct {
		Kernelspecs map[string]json.RawMessage `json:"kernelspecs"`
	}
	if err := json.Unmarshal(out, &specs); err != nil {
		t.Fatalf("parse jupyter kernelspec list: %v", err)
	}
	if _, ok := specs.Kernelspecs["gonb"]; !ok {
		missing("jupyter has no gonb kernel")
	}
	return jupyter
}

// execute runs the notebook at src with nbconvert and returns the executed
// notebook, written under outDir. Cell errors do not stop the run: they are
// left in the outputs for the caller to report.
func execute(ctx context.Context, jupyter, src, outDir string) (notebook, error) {
	cmd := exec.CommandContext(ctx, jupyter, "nbconvert",
		"--to", "notebook", "--execute", "--allow-errors",
		"--ExecutePreprocessor.timeout=900", "--log-level=WARN",
		"--output-dir", outDir, src)
	// Each run keeps its results and history apart from the user's and
	// from other runs.
	cmd.Env = append(os.Environ(), "THINKBUDGET_NOTEBOOK_DIR="+filepath.Join(outDir, "state"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return notebook{}, fmt.Errorf("run nbconvert: %w\n%s", err, stderr.Bytes())
	}
	return readNotebook(filepath.Join(outDir, filepath.Base(src)))
}

// Ensure every notebook runs headless without errors and shows what its
// cells promise: the setup line, tables and charts.
func TestNotebooks_Execute(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every notebook with jupyter nbconvert; skipped with -short")
	}
	jupyter := toolchain(t)
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}

	for _, path := range notebookPaths(t) {
		t.Run(path, func(t *testing.T) {
			start := time.Now()
			nb, err := execute(t.Context(), jupyter, path, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("executed in %s", time.Since(start).Round(100*time.Millisecond))
			checkOutputs(t, nb, repo)
		})
	}
}

// checkOutputs reports the failures found in the outputs of an executed
// notebook; repo is the folder the setup cell must name.
func checkOutputs(t *testing.T, nb notebook, repo string) {
	t.Helper()
	first := true
	for i, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		var stdout strings.Builder
		mimes := make(map[string]bool)
		for _, o := range c.Outputs {
			switch o.OutputType {
			case "error":
				t.Errorf("cell %d: %s: %s\n%s", i, o.EName, o.EValue,
					strings.Join(o.Traceback, "\n"))
			case "stream":
				if o.Name == "stdout" {
					stdout.WriteString(string(o.Text))
				} else if strings.Contains(string(o.Text), "panic:") ||
					strings.Contains(string(o.Text), "exit status") {
					t.Errorf("cell %d wrote to %s:\n%s", i, o.Name, o.Text)
				}
			case "display_data", "execute_result":
				for mime := range o.Data {
					mimes[mime] = true
				}
			}
		}

		src := string(c.Source)
		if first {
			first = false
			checkSetupLine(t, i, stdout.String(), repo)
		}
		if strings.Contains(src, "nbdisplay.PNG(") || hasChartMarker(src) {
			if !mimes["image/png"] {
				t.Errorf("cell %d draws a chart but has no image/png output", i)
			}
		}
		if strings.Contains(src, "nbdisplay.Table(") && !mimes["text/html"] {
			t.Errorf("cell %d shows a table but has no text/html output", i)
		}
	}
}

// hasChartMarker reports whether src holds a line "// chart".
func hasChartMarker(src string) bool {
	for line := range strings.Lines(src) {
		if strings.TrimSpace(line) == "// chart" {
			return true
		}
	}
	return false
}

// checkSetupLine checks that the setup cell, cell i, printed the setup line
// naming repo.
func checkSetupLine(t *testing.T, i int, stdout, repo string) {
	t.Helper()
	for line := range strings.Lines(stdout) {
		dir, ok := strings.CutPrefix(strings.TrimSpace(line), setupPrefix)
		if !ok {
			continue
		}
		if !sameDir(dir, repo) {
			t.Errorf("setup cell %d built against %s, want %s", i, dir, repo)
		}
		return
	}
	t.Errorf("setup cell %d did not print %q; stdout:\n%s", i, setupPrefix+repo, stdout)
}

// sameDir reports whether a and b name the same folder, following symbolic
// links.
func sameDir(a, b string) bool {
	ra, errA := filepath.EvalSymlinks(a)
	rb, errB := filepath.EvalSymlinks(b)
	if errA != nil || errB != nil {
		return filepath.Clean(a) == filepath.Clean(b)
	}
	return ra == rb
}
