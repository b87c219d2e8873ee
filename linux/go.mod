module example.com/cloudgo/linux

go 1.26
