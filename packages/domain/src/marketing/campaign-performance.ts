import { formatMinorUnits } from '../customers/money';
import { CAMPAIGN_CHANNELS, type Campaign, type CampaignChannel } from './campaign';

export interface ChannelPerformance {
  channel: CampaignChannel;
  campaigns: number;
  audience: number;
  conversions: number;
  /**
   * conversions / audience over the channel's campaigns launched in the period (each contact
   * converts at most once per campaign, so it is at most 1); 0 for an empty audience. Rounded to
   * 4 decimals.
   */
  conversionRate: number;
  /** Conversion value per currency (campaigns keep one currency each). */
  value: { currency: string; amount: string; amountMinor: number }[];
}

/** Per channel (every channel, zero where nothing ran): the campaigns launched in [from, to), from their counters. */
export function performanceByChannel(campaigns: readonly Campaign[], from: string, to: string): ChannelPerformance[] {
  const inPeriod = campaigns.filter((campaign) => campaign.launchedAt !== undefined && campaign.launchedAt >= from && campaign.launchedAt < to);
  return CAMPAIGN_CHANNELS.map((channel) => {
    const ofChannel = inPeriod.filter((campaign) => campaign.channel === channel);
    const audience = ofChannel.reduce((sum, campaign) => sum + campaign.audienceSize, 0);
    const conversions = ofChannel.reduce((sum, campaign) => sum + campaign.conversions, 0);
    const byCurrency = new Map<string, number>();
    for (const campaign of ofChannel) {
      if (campaign.conversionValueMinor > 0) byCurrency.set(campaign.currency, (byCurrency.get(campaign.currency) ?? 0) + campaign.conversionValueMinor);
    }
    return {
      channel,
      campaigns: ofChannel.length,
      audience,
      conversions,
      conversionRate: audience === 0 ? 0 : Math.round((conversions / audience) * 10_000) / 10_000,
      value: [...byCurrency].sort(([a], [b]) => a.localeCompare(b)).map(([currency, minor]) => ({ currency, amount: formatMinorUnits(minor, currency), amountMinor: minor })),
    };
  });
}
