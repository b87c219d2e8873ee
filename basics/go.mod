module example.com/cloudgo/basics

go 1.26
