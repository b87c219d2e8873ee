locals {
  common_tags = merge({
    Project     = "cloudgo"
    Environment = var.environment
    ManagedBy   = "terraform"
  }, var.tags)
  ami_id = var.ami_id != "" ? var.ami_id : data.aws_ami.debian[0].id
  vpc_id = var.vpc_id != "" ? var.vpc_id : data.aws_vpc.default[0].id
}

data "aws_vpc" "default" {
  count   = var.vpc_id == "" ? 1 : 0
  default = true
}

# Debian's own account publishes the official images; look the AMI up instead of
# pinning an ID that exists in one region only.
data "aws_ami" "debian" {
  count       = var.ami_id == "" ? 1 : 0
  most_recent = true
  owners      = ["136693071363"]
  filter {
    name   = "name"
    values = ["debian-12-amd64-*"]
  }
  filter {
    name   = "architecture"
    values = ["x86_64"]
  }
}

resource "aws_security_group" "web" {
  name_prefix = "${var.name}-"
  description = "Web server: HTTP in, SSH only from named networks"
  vpc_id      = local.vpc_id
  tags        = { Name = "${var.name}-sg" }

  # A replacement group must exist before the old one goes, or the instance
  # would be left without one.
  lifecycle {
    create_before_destroy = true
  }
}

# One resource per rule (not inline ingress blocks): rules can change without
# replacing the group, and each one carries its own description.
resource "aws_vpc_security_group_ingress_rule" "http" {
  for_each          = toset(var.http_cidr_blocks)
  security_group_id = aws_security_group.web.id
  description       = "HTTP"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_ingress_rule" "ssh" {
  for_each          = toset(var.ssh_cidr_blocks)
  security_group_id = aws_security_group.web.id
  description       = "SSH from an allowed network"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  # An entry with a colon is an IPv6 block; a rule takes one or the other.
  cidr_ipv4 = can(regex(":", each.value)) ? null : each.value
  cidr_ipv6 = can(regex(":", each.value)) ? each.value : null
}

resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = aws_security_group.web.id
  description       = "All outbound (package mirrors, time, APIs)"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_instance" "web" {
  ami           = local.ami_id
  instance_type = var.instance_type
  key_name      = var.key_name
  # In a VPC, groups are attached by ID; the Python original's security_groups (by name)
  # only works in EC2-Classic/default-VPC and forces replacement on change.
  vpc_security_group_ids = [aws_security_group.web.id]

  # IMDSv2 only: a token is required, which blocks SSRF-style credential theft.
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }

  root_block_device {
    volume_type = "gp3"
    volume_size = 10
    encrypted   = true
  }

  tags = { Name = var.name }
}
