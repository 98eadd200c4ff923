namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// The dispatcher's concurrent deliveries. Slots are only ever taken without waiting, before the rows that fill them are
/// leased (by a claim, or by a commit that hands its rows over), so a leased row always has a slot to run in.
/// </summary>
internal sealed class DeliverySlots(int capacity)
{
    private int free = capacity;

    /// <summary>
    /// Takes slots for a claim, up to <paramref name="most"/>, leaving a quarter of the free ones: a claim holds its slots
    /// while it queries and mostly gives them back, and a commit that finds no slot then cannot hand its rows over (they
    /// wait for the next claim). Returns how many it took; the last free slot is taken.
    /// </summary>
    public int TakeForClaim(int most)
    {
        while (true)
        {
            var now = Volatile.Read(ref free);
            var taken = Math.Min(now - (now / 4), most);
            if (taken <= 0 || Interlocked.CompareExchange(ref free, now - taken, now) == now)
            {
                return Math.Max(taken, 0);
            }
        }
    }

    /// <summary>Takes <paramref name="count"/> slots, or none when fewer are free.</summary>
    public bool TryTake(int count)
    {
        while (true)
        {
            var now = Volatile.Read(ref free);
            if (now < count)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref free, now - count, now) == now)
            {
                return true;
            }
        }
    }

    public void Release(int count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref free, count);
        }
    }
}
