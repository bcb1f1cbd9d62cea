// Empty on purpose: a package with an assembly file may declare body-less functions, which main.go binds to
// kcp-go's unexported FEC encoder and decoder with go:linkname.
