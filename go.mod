module persona

go 1.26.8

require (
	github.com/BurntSushi/toml v1.4.0 // indirect
	github.com/go-faster/errors v0.8.0 // indirect
	github.com/gotd/contrib v0.25.0 // indirect
	github.com/gotd/log v0.1.0 // indirect
	github.com/gotd/log/logzap v0.1.1 // indirect
	github.com/gotd/td v0.162.0 // indirect
	go.etcd.io/bbolt v1.5.0 // indirect
	go.uber.org/multierr v1.11.0 // indirect
	go.uber.org/zap v1.28.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
)
