# services:
# Runs the compute examples end to end on a generated corpus: `make demo TOPIC=compute`.
# No temporary files: the corpus (2 MB, seed 1, the same every run) is piped in.
heading compute/corpus/cmd/gencorpus
go run ./corpus/cmd/gencorpus -size 0.0004 && echo   # a taste of the text (it ends mid-line)
heading compute/words/cmd/wordcount
go run ./corpus/cmd/gencorpus -size 2 | go run ./words/cmd/wordcount -top 8
heading compute/rdd/cmd/rddwordcount
go run ./corpus/cmd/gencorpus -size 2 | go run ./rdd/cmd/rddwordcount -partitions 4 -top 3
heading compute/beamwordcount/cmd/beamwordcount
go run ./corpus/cmd/gencorpus -size 2 | go -C beamwordcount run ./cmd/beamwordcount -top 8
heading compute/sql/sqlwordcount/cmd/sqlwordcount
go run ./corpus/cmd/gencorpus -size 2 | go -C sql run ./sqlwordcount/cmd/sqlwordcount -top 8   # compute/sql is a module of its own (DuckDB, cgo)
heading compute/sql/dataframe/cmd/salesreport
go -C sql run ./dataframe/cmd/salesreport
heading compute/sql/dataframe/cmd/salesreport/rdd
diff <(go -C sql run ./dataframe/cmd/salesreport) <(go -C sql run ./dataframe/cmd/salesreport -engine rdd) && echo "salesreport -engine rdd prints the same report, byte for byte"
heading compute/sql/dataframe/explain
go -C sql run ./dataframe/cmd/salesreport -explain
