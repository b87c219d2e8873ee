output "instance_id" {
  description = "ID of the EC2 instance."
  value       = aws_instance.web.id
}

output "public_ip" {
  description = "Public IPv4 address (empty in a subnet without public IPs)."
  value       = aws_instance.web.public_ip
}

output "public_dns" {
  description = "Public DNS name."
  value       = aws_instance.web.public_dns
}

output "security_group_id" {
  description = "ID of the web security group."
  value       = aws_security_group.web.id
}
