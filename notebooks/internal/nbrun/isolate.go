package nbrun

import (
	"encoding/json"
	"fmt"
	"os"
)

// restartMark marks the cells isolate inserts, in their metadata.
const restartMark = "sgdlab_restart"

// isolate writes src to dst with a restart cell before every code cell: in
// it GoNB forgets the declarations of earlier cells and recreates its go.mod
// (%reset), and the workspace the cells' first line sets up goes.
func isolate(src, dst string) error {
	return rewriteCells(src, dst, func(cells []map[string]any) []map[string]any {
		var out []map[string]any
		for i, c := range cells {
			if c["cell_type"] == "code" {
				out = append(out, map[string]any{
					"cell_type": "code", "execution_count": nil, "id": fmt.Sprintf("sgdlab-restart-%d", i),
					"metadata": map[string]any{restartMark: true}, "outputs": []any{},
					"source": []string{"%reset\n", "!*rm -f go.work go.work.sum"},
				})
			}
			out = append(out, c)
		}
		return out
	})
}

// unisolate writes src to dst without the cells isolate inserted.
func unisolate(src, dst string) error {
	return rewriteCells(src, dst, func(cells []map[string]any) []map[string]any {
		var out []map[string]any
		for _, c := range cells {
			if md, _ := c["metadata"].(map[string]any); md[restartMark] == true {
				continue
			}
			out = append(out, c)
		}
		return out
	})
}

// rewriteCells reads the notebook at src as JSON, changes its cells with f
// and writes it to dst, keeping every other field as it was.
func rewriteCells(src, dst string, f func([]map[string]any) []map[string]any) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("nbrun: %w", err)
	}
	var nb map[string]any
	if err := json.Unmarshal(b, &nb); err != nil {
		return fmt.Errorf("nbrun: %s: %w", src, err)
	}
	var cells []map[string]any
	raw, _ := json.Marshal(nb["cells"]) // re-marshalling decoded JSON cannot fail
	if err := json.Unmarshal(raw, &cells); err != nil {
		return fmt.Errorf("nbrun: %s: cells: %w", src, err)
	}
	nb["cells"] = f(cells)
	out, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		return fmt.Errorf("nbrun: %w", err)
	}
	if err := os.WriteFile(dst, append(out, '\n'), 0o644); err != nil {
		return fmt.Errorf("nbrun: %w", err)
	}
	return nil
}
