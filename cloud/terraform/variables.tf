variable "region" {
  description = "AWS region to create the instance in."
  type        = string
  default     = "eu-central-1"
}

variable "name" {
  description = "Name prefix for every resource (also the Name tag)."
  type        = string
  default     = "cloudgo-web"
}

variable "environment" {
  description = "Environment tag, e.g. dev, staging, prod."
  type        = string
  default     = "dev"
}

variable "instance_type" {
  description = "EC2 instance type."
  type        = string
  default     = "t3.micro"
}

variable "ami_id" {
  description = "AMI to boot. Empty: the latest Debian 12 amd64 AMI published by Debian (not a hard-coded, region-specific ID)."
  type        = string
  default     = ""
}

variable "vpc_id" {
  description = "VPC for the security group. Empty: the region's default VPC."
  type        = string
  default     = ""
}

variable "key_name" {
  description = "Existing EC2 key pair for SSH. Null: no key pair (use SSM Session Manager)."
  type        = string
  default     = null
}

# SSH is closed unless you name the networks allowed to reach it: the Python
# original's 0.0.0.0/0 lets every scanner on the internet try port 22. Checking for
# the literal "0.0.0.0/0" is not enough: ["0.0.0.0/1", "128.0.0.0/1"], "::/0" or
# "1.2.3.4/0" open it just as wide. So every entry must be a named network: at
# least a /16 for IPv4 (65,536 addresses) and a /48 for IPv6 (one site).
variable "ssh_cidr_blocks" {
  description = "IPv4 (at least /16) or IPv6 (at least /48) CIDR blocks allowed to reach SSH (22/tcp). Empty (default): no SSH rule at all."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.ssh_cidr_blocks : can(cidrhost(c, 0))])
    error_message = "Each ssh_cidr_blocks entry must be a valid CIDR block, e.g. 203.0.113.7/32 or 2001:db8::7/128."
  }
  validation {
    condition     = alltrue([for c in var.ssh_cidr_blocks : try(tonumber(regex("/([0-9]+)$", c)[0]) >= (can(regex(":", c)) ? 48 : 16), false)])
    error_message = "Each ssh_cidr_blocks entry must be at least a /16 (IPv4) or a /48 (IPv6): SSH must not be open to the internet, also not through wide ranges that add up to it (0.0.0.0/1 + 128.0.0.0/1)."
  }
  validation {
    condition     = !anytrue([for c in var.ssh_cidr_blocks : can(regex("(?i)^::ffff:", c))])
    error_message = "IPv4-mapped IPv6 blocks (::ffff:…) are not allowed in ssh_cidr_blocks; write the IPv4 block."
  }
}

variable "http_cidr_blocks" {
  description = "IPv4 CIDR blocks allowed to reach HTTP (80/tcp)."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "tags" {
  description = "Extra tags merged into every resource's tags."
  type        = map(string)
  default     = {}
}
