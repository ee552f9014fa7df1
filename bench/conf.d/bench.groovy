// Junction side of bench/run.sh, for running by hand with the default ports:
//   bin/junction run --conf bench/conf.d
// run.sh itself generates an equivalent file in its work dir with the configured ports
// (BENCH_BACKEND1_PORT, BENCH_BACKEND2_PORT, BENCH_JUNCTION_PORT); keep the two in step.
pool('bench') {
    balance 'round-robin'
    backend 'http://127.0.0.1:19101'
    backend 'http://127.0.0.1:19102'
}
http('bench', port: 19182, bind: '127.0.0.1') {
    otherwise { forward 'bench' }
}
