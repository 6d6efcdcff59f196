# workerd configuration for the runtime smoke test. The test copies this file next to the bundled
# worker (worker.js), serves it with `--control-fd` to learn the port of the `http` socket (bound to
# port 0), and POSTs the smoke configuration to it.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smokeWorker),
    # The default `internet` service refuses private and loopback addresses; the emulator and the
    # holding server are on 127.0.0.1, so this worker's outbound fetch goes through this one.
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const smokeWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  # The web build uses web APIs only: no nodejs_compat flag.
  compatibilityDate = "2026-11-01",
  globalOutbound = "loopback",
);
