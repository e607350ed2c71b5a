import { CfnOutput } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface MailSenderProps {
  /** The domain mail is sent from (`no-reply@<domain>`); SES must verify it through the DKIM records output below. */
  domain: string;
}

/**
 * The SES identity of the domain the API sends mail from (invitations), signed with Easy DKIM. The
 * domain is verified once its three DKIM CNAME records, output by this stack, are published in DNS;
 * until then, and while the account is in the SES sandbox, SES refuses to send.
 */
export class MailSender extends Construct {
  readonly identity: EmailIdentity;
  /** The address every message is sent from. */
  readonly fromAddress: string;

  constructor(scope: Construct, id: string, props: MailSenderProps) {
    super(scope, id);
    this.identity = new EmailIdentity(this, 'Identity', { identity: Identity.domain(props.domain) });
    this.fromAddress = `no-reply@${props.domain}`;

    this.identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        value: `${record.name} CNAME ${record.value}`,
        description: `DKIM record ${index + 1} of 3 to publish in the DNS of ${props.domain}`,
      });
    });
  }

  /** Lets a grantee send mail as this identity, and as nothing else (`ses:SendEmail` on the identity's ARN only). */
  grantSend(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['ses:SendEmail'], resources: [this.identity.emailIdentityArn] }));
  }
}

