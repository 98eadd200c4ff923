using PerfMonitor.TestSupport;

// The classes marked [LongRunning] start first: see LongRunningFirstOrderer.
[assembly: TestCollectionOrderer(LongRunningFirstOrderer.TypeName, LongRunningFirstOrderer.AssemblyName)]
