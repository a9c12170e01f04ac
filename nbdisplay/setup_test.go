package nbdisplay

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestCheckSetup(t *testing.T) {
	tests := []struct {
		name    string
		info    debug.BuildInfo
		want    string
		wantErr string
	}{
		{
			name: "local replacement",
			info: debug.BuildInfo{
				Main: debug.Module{Path: "gonb_1a2b3c"},
				Deps: []*debug.Module{{
					Path:    modulePath,
					Version: "v0.0.0",
					Replace: &debug.Module{Path: "/src/thinkbudget", Version: "(devel)"},
				}},
			},
			want: "setup ok: github.com/thinkbudget/thinkbudget => /src/thinkbudget",
		},
		{
			name: "from a proxy",
			info: debug.BuildInfo{
				Main: debug.Module{Path: "gonb_1a2b3c"},
				Deps: []*debug.Module{{Path: modulePath, Version: "v1.0.0"}},
			},
			wantErr: "comes from a module proxy",
		},
		{
			name: "replaced by a version",
			info: debug.BuildInfo{
				Main: debug.Module{Path: "gonb_1a2b3c"},
				Deps: []*debug.Module{{
					Path:    modulePath,
					Version: "v0.0.0",
					Replace: &debug.Module{Path: "example.com/fork", Version: "v1.0.0"},
				}},
			},
			wantErr: "not a local folder",
		},
		{
			name: "relative folder",
			info: debug.BuildInfo{
				Main: debug.Module{Path: "gonb_1a2b3c"},
				Deps: []*debug.Module{{
					Path:    modulePath,
					Version: "v0.0.0",
					Replace: &debug.Module{Path: "../thinkbudget", Version: "(devel)"},
				}},
			},
			want: "setup ok: github.com/thinkbudget/thinkbudget => ../thinkbudget",
		},
		{
			name:    "missing",
			info:    debug.BuildInfo{Main: debug.Module{Path: "gonb_1a2b3c"}},
			wantErr: "not in this build",
		},
		{
			name:    "main module",
			info:    debug.BuildInfo{Main: debug.Module{Path: modulePath}},
			wantErr: "is the main module",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := checkSetup(&tt.info)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("checkSetup() error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("checkSetup() error = %v", err)
			}
			if got != tt.want {
				t.Errorf("checkSetup() = %q, want %q", got, tt.want)
			}
		})
	}
}
