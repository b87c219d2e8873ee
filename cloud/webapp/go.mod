module example.com/cloudgo/cloud/webapp

go 1.26.0
