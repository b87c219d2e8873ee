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

# SSH is closed unless you name the networks allowed to reach it: the seed's
# 0.0.0.0/0 lets every scanner on the internet try port 22.
variable "ssh_cidr_blocks" {
  description = "IPv4 CIDR blocks allowed to reach SSH (22/tcp). Empty (default): no SSH rule at all."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.ssh_cidr_blocks : can(cidrhost(c, 0))])
    error_message = "Each ssh_cidr_blocks entry must be a valid IPv4 CIDR block, e.g. 203.0.113.7/32."
  }
  validation {
    condition     = !contains(var.ssh_cidr_blocks, "0.0.0.0/0")
    error_message = "SSH must not be open to the whole internet (0.0.0.0/0); name your own network."
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
