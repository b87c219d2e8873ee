terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

# Credentials come from the environment / shared config (AWS_PROFILE, SSO, an
# instance role ...), never from this file.
provider "aws" {
  region = var.region

  # Every resource this configuration creates carries these tags.
  default_tags {
    tags = local.common_tags
  }
}
