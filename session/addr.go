package session

import (
	"net"
	"strconv"

	"github.com/go-faster/errors"
)

func splitHostPort(addr string) (string, int, error) {
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, errors.Wrap(err, "server address")
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return "", 0, errors.Wrap(err, "server port")
	}
	return host, port, nil
}
