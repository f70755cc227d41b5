package main

import (
	"errors"
	"fmt"

	"github.com/sgdlab/sgdlab/data"
)

// maxWidthHint adds to an ErrMaxWidth error the flag that lifts the limit.
func maxWidthHint(err error) error {
	if errors.Is(err, data.ErrMaxWidth) {
		return fmt.Errorf("%w; raise the limit with -max-width", err)
	}
	return err
}
