# Loopback port helpers shared by the integration tests and the benchmarks (source it).

# True when something accepts connections on 127.0.0.1:$1.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints a port nothing listens on. Candidates lie in 20000-32767, below Linux's default
# ephemeral range (32768-60999), so that an outgoing connection cannot hold the port; the
# start is random so that tests run in parallel by ctest -j rarely race for the same one.
pick_free_port() {
  local p tries
  p=$((20000 + (RANDOM + $$) % 12768))
  for ((tries = 0; tries < 500; tries++)); do
    if ! port_in_use "$p"; then
      echo "$p"
      return 0
    fi
    p=$((p + 1))
    [ "$p" -le 32767 ] || p=20000
  done
  echo "no free port found" >&2
  return 1
}
