"""Driver script for ``spark-submit`` (absolute imports, so Spark can run it as a file):

    spark-submit [spark options] "$(python -c 'import eventcoder.spark.submit as m; print(m.__file__)')" \
        INPUT OUTPUT [eventcoder spark options]
"""
import sys

from eventcoder.spark.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
