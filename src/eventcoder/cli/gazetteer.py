"""``eventcoder gazetteer build``: a gazetteer folder from a GeoNames dump."""
from __future__ import annotations

import time
import zipfile

from ..errors import EventcoderError


def cmd_gazetteer_build(args) -> int:
    from ..geo.gazetteer import build_from_geonames_dump

    t0 = time.perf_counter()
    try:
        manifest = build_from_geonames_dump(args.geonames, args.output, min_population=args.min_population,
                                            keep_admin2=args.keep_admin2)
    except UnicodeDecodeError as e:
        raise EventcoderError(f"{args.geonames} is not a GeoNames dump: it is not UTF-8 text "
                              f"({e.reason} at byte {e.start})") from e
    except (zipfile.BadZipFile, EOFError) as e:
        raise EventcoderError(f"{args.geonames} is not a readable zip file ({e}): the download is "
                              f"truncated or corrupt") from e
    except OSError as e:
        raise EventcoderError(f"cannot read {args.geonames} or write {args.output}: {e.strerror or e}") from e
    counts = manifest.get("counts") or {k: v for k, v in manifest.items() if isinstance(v, int)}
    print(f"eventcoder: gazetteer written to {args.output} in {time.perf_counter() - t0:.1f} s: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


def register(sub) -> None:
    g = sub.add_parser("gazetteer", help="build a gazetteer from a GeoNames dump")
    gsub = g.add_subparsers(dest="gazetteer_command", required=True)
    gb = gsub.add_parser("build", help="stream a GeoNames dump (allCountries.zip or .txt) into a gazetteer folder",
                         description="Builds a gazetteer folder from a GeoNames dump; the shipped supplement "
                                     "(countries, regions, seas, sites, aliases) is laid over it. Use it with "
                                     "'eventcoder code --gazetteer DIR'.")
    gb.add_argument("--geonames", required=True, metavar="DUMP", help="allCountries.zip, a country file, or its .txt")
    gb.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write the gazetteer into")
    gb.add_argument("--min-population", type=int, default=1000, help="smallest populated place kept (default 1000)")
    gb.add_argument("--keep-admin2", action="store_true", help="also keep second-level divisions")
    gb.set_defaults(func=cmd_gazetteer_build)
