"""Raw pulumi_digitalocean / pulumi_cloudflare resources with the mistakes the policy pack exists for."""

import json

import pulumi_cloudflare as cloudflare
import pulumi_digitalocean as digitalocean

ACCOUNT = "0123456789abcdef0123456789abcdef"

# --- DigitalOcean Spaces -------------------------------------------------------------------

# Named as private media, yet listable by anyone through its ACL and readable through its policy.
invoices = digitalocean.SpacesBucket("invoices", name="shop-dev-private-0123abcd", region="ams3", acl="public-read")
digitalocean.SpacesBucketPolicy(
    "invoices-policy",
    bucket=invoices.name,
    region="ams3",
    policy=invoices.name.apply(
        lambda name: json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": f"arn:aws:s3:::{name}/*",
                    }
                ],
            }
        )
    ),
)
# A public Space whose policy also lets anyone list it.
avatars = digitalocean.SpacesBucket("avatars", name="shop-dev-public-0123abcd", region="ams3")
digitalocean.SpacesBucketPolicy(
    "avatars-policy",
    bucket=avatars.name,
    region="ams3",
    policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": ["s3:GetObject", "s3:ListBucket"],
                    "Resource": ["arn:aws:s3:::shop-dev-public-0123abcd", "arn:aws:s3:::shop-dev-public-0123abcd/*"],
                }
            ],
        }
    ),
)
digitalocean.SpacesBucketCorsConfiguration(
    "avatars-cors",
    bucket=avatars.name,
    region="ams3",
    cors_rules=[{"allowed_origins": ["*"], "allowed_methods": ["GET"]}],
)
# A key for every Space of the account, and one for a Space this program does not own.
digitalocean.SpacesKey("admin", name="admin", grants=[{"bucket": "", "permission": "fullaccess"}])
digitalocean.SpacesKey("app", name="app", grants=[{"bucket": "someone-elses-space", "permission": "readwrite"}])
# A scoped key on the public Space that has a bucket policy: DigitalOcean refuses the pair.
digitalocean.SpacesKey("uploads", name="uploads", grants=[{"bucket": avatars.name, "permission": "readwrite"}])
# An invoice anyone may read by its object ACL, in the private Space.
digitalocean.SpacesBucketObject(
    "invoice", bucket=invoices.name, region="ams3", key="invoice.pdf", content="x", acl="public-read"
)

# --- Cloudflare R2 -------------------------------------------------------------------------

contracts = cloudflare.R2Bucket("contracts", account_id=ACCOUNT, name="shop-dev-private-4567cdef")
cloudflare.R2ManagedDomain("contracts-r2-dev", account_id=ACCOUNT, bucket_name=contracts.name, enabled=True)
cloudflare.R2CustomDomain(
    "contracts-domain",
    account_id=ACCOUNT,
    bucket_name=contracts.name,
    domain="contracts.example.com",
    zone_id="fedcba9876543210fedcba9876543210",
    enabled=True,
)
cloudflare.R2BucketCors(
    "contracts-cors",
    account_id=ACCOUNT,
    bucket_name=contracts.name,
    rules=[{"allowed": {"origins": ["https://*.example.com"], "methods": ["GET"]}}],
)
# Full access to all of R2 in the account, and object access to a bucket of someone else.
cloudflare.AccountToken(
    "r2-admin",
    account_id=ACCOUNT,
    name="r2-admin",
    policies=[
        {
            "effect": "allow",
            "permission_groups": [{"id": "bf7481a1826f439697cb59a20b22293e"}],
            "resources": json.dumps({f"com.cloudflare.api.account.{ACCOUNT}": "*"}),
        }
    ],
)
cloudflare.AccountToken(
    "r2-app",
    account_id=ACCOUNT,
    name="r2-app",
    policies=[
        {
            "effect": "allow",
            "permission_groups": [{"id": "2efd5506f9c8494dacb1fa10a3e7d5b6"}],
            "resources": json.dumps({f"com.cloudflare.edge.r2.bucket.{ACCOUNT}_default_other-bucket": "*"}),
        }
    ],
)
