#!/usr/bin/env bash
# GitHub Actions → AWS with the AWS CLI v2. Run once, with administrator credentials.
set -euo pipefail

ACCOUNT_ID=123456789012  # your AWS account id
REPOSITORY=my-org/my-repo  # owner/name of the repository allowed to deploy
BRANCH=main  # the only branch allowed to deploy

# 1. The IAM OIDC provider for GitHub's issuer (once per account; skip if it exists).
aws iam create-open-id-connect-provider \
  --url https://token.actions.githubusercontent.com \
  --client-id-list sts.amazonaws.com

# 2. The trust policy: only pushes to $BRANCH of $REPOSITORY, with the audience AWS expects.
cat > trust-policy.json <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "Federated": "arn:aws:iam::${ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com"
      },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": {
          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
          "token.actions.githubusercontent.com:sub": "repo:${REPOSITORY}:ref:refs/heads/${BRANCH}"
        }
      }
    }
  ]
}
POLICY

# 3. The role the workflow assumes.
aws iam create-role \
  --role-name github-deploy \
  --max-session-duration 3600 \
  --assume-role-policy-document file://trust-policy.json

# 4. What the role may do: attach only what your deployment needs (read-only S3 as an example).
aws iam attach-role-policy \
  --role-name github-deploy \
  --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
