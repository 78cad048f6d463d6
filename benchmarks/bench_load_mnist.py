"""Time ``neurona.datasets.load_mnist`` (all four files) from the offline data directory.

The warm-up run hashes the four files and decodes them; it is reported on its own.
Then the best of ``--repeat`` runs with the in-process verification cache (gunzip
and decode only), and the best of ``--repeat`` runs that hash the files again each
time. Goal: under 1 s. Exit status 1 when a best time misses it.
Run: ``NEURONA_DATA=/path/to/data python benchmarks/bench_load_mnist.py``.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

from timing import best_times

from neurona.datasets import load_mnist
from neurona.datasets.verify import clear_verification_cache


def main() -> int:
    parser = argparse.ArgumentParser(description="Time load_mnist from the offline directory.")
    parser.add_argument("--data-home", default=os.environ.get("NEURONA_DATA"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not args.data_home:
        parser.error("set NEURONA_DATA or pass --data-home")

    def load():
        return load_mnist(data_home=args.data_home)

    def load_and_hash():
        clear_verification_cache()
        return load()

    clear_verification_cache()
    start = time.perf_counter()
    (x_train, y_train), (x_test, y_test) = load()
    warm_up = time.perf_counter() - start
    timings = best_times({"cached": load, "hashed": load_and_hash}, number=1, rounds=args.repeat)
    cached, hashed = timings["cached"], timings["hashed"]
    nbytes = sum(a.nbytes for a in (x_train, y_train, x_test, y_test))

    print(f"load_mnist from {args.data_home}")
    for label, seconds in [
        ("warm-up run (hash + decode)", warm_up),
        (f"best of {args.repeat}, verification cached", cached),
        (f"best of {args.repeat}, hashing every run", hashed),
    ]:
        print(f"  {label:<36} {seconds * 1e3:7.1f} ms")
    print(f"  x_train {x_train.shape} {x_train.dtype}, y_train {y_train.shape} {y_train.dtype}, "
          f"x_test {x_test.shape}, y_test {y_test.shape}")
    print(f"  loaded arrays: {nbytes:,} bytes ({nbytes / 2**20:.1f} MiB)")
    return 0 if max(cached, hashed) < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
