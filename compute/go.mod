module example.com/cloudgo/compute

go 1.26.0
